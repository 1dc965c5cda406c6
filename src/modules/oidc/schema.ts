// TypeBox schemas of the single sign-on API routes (TOTP enrolment).
import { Type, type Static } from '@sinclair/typebox';

export const TotpCodeBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 6, pattern: '^[0-9]{6}$', description: '身份验证器显示的 6 位数字 the 6-digit code' }) },
  { additionalProperties: false },
);
export type TotpCodeBody = Static<typeof TotpCodeBody>;

export const TotpSetupResponse = Type.Object({
  secret: Type.String({ description: 'Base32 密钥，仅此一次显示 (shown once)' }),
  otpauthUri: Type.String({ description: 'otpauth://totp/… for authenticator apps' }),
  qrSvg: Type.String({ description: '二维码 SVG 标记 QR code as SVG markup' }),
});

export const TotpStatusResponse = Type.Object({ enabled: Type.Boolean() });
