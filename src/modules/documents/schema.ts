// TypeBox schemas of public document verification (电子文书核验, Art. 26).
import { Type } from '@sinclair/typebox';

export const DocumentParams = Type.Object({ documentId: Type.String({ minLength: 1, maxLength: 64, description: '文书编号（二维码中的 id）document id from the QR code' }) });

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const VerificationSchema = Type.Object({
  verdict: Type.Union([Type.Literal('genuine'), Type.Literal('altered'), Type.Literal('not-ours')], {
    description: 'genuine 真实有效 | altered 已被篡改 (the bytes differ from the issued document) | not-ours 不是本平台签发',
  }),
  verdictName: Type.String(),
  reason: Type.String(),
  document: Type.Union([
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      kindName: Type.String(),
      title: Type.String(),
      number: Type.String(),
      issuedOn: Type.String({ format: 'date' }),
      organization: Type.Object({ name: Type.String(), creditCode: Nullable(Type.String()) }),
      verifyUrl: Type.String(),
      downloadUrl: Type.String({ description: 'the issued PDF, byte for byte' }),
    }),
    Type.Null(),
  ]),
  seal: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      validAtSigning: Type.Boolean({ description: 'the seal was active when it signed (from its history)' }),
      statusAtSigning: Nullable(Type.String()),
      statusNow: Type.String({ description: 'active | suspended | revoked' }),
      statusNowName: Type.String(),
      statusChangedAt: Nullable(Type.String({ format: 'date-time' })),
      publicKey: Type.String({ description: 'SM2 public key, uncompressed, hex' }),
      fingerprint: Type.String(),
    }),
    Type.Null(),
  ]),
  signature: Type.Union([
    Type.Object({
      algorithm: Type.String(),
      userId: Type.String(),
      value: Type.String({ description: 'DER, hex, over the 32-byte SM3 digest' }),
      signedAt: Type.String({ format: 'date-time' }),
      valid: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  digest: Type.Object({ algorithm: Type.Literal('SM3'), issued: Nullable(Type.String()), received: Nullable(Type.String()) }),
});

export const ProblemSchema = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String() }, { additionalProperties: true });
