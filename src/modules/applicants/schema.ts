// TypeBox schemas of the applicant routes (办事人登录、实名核验、我的).
import { Type, type Static } from '@sinclair/typebox';
import { CODE_PATTERN, PHONE_PATTERN } from './rules.js';

const Phone = Type.String({ pattern: PHONE_PATTERN, description: '中国大陆手机号 mainland mobile number, 11 digits' });

export const LoginCodeBody = Type.Object({ phone: Phone }, { additionalProperties: false });

export const LoginCodeResponse = Type.Object({
  sentTo: Type.String({ description: '掩码后的手机号 masked phone, 138****5678' }),
  expiresInSeconds: Type.Integer(),
  resendAfterSeconds: Type.Integer(),
  development: Type.Boolean({ description: 'true: the development outbox holds the message, no SMS was sent (开发模式)' }),
});

export const SignInBody = Type.Object(
  { phone: Phone, code: Type.String({ pattern: CODE_PATTERN, description: '6 位短信验证码 the 6-digit code' }) },
  { additionalProperties: false },
);

export const RealNameBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')], { description: 'person 自然人 / enterprise 法人及其他组织' }),
    name: Type.String({ minLength: 1, maxLength: 100, description: '姓名或单位名称 name of the person or the enterprise' }),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '居民身份证号码 (kind person), GB 11643' })),
    creditCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '统一社会信用代码 (kind enterprise), GB 32100' })),
  },
  { additionalProperties: false },
);
export type RealNameBodyInput = Static<typeof RealNameBody>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const SignInRecordSchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  method: Type.String(),
  current: Type.Boolean(),
  ended: Type.Boolean(),
});

/** The applicant's own record: every personal value masked (the page and the API show the same). */
export const ApplicantMeSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('person'), Type.Literal('enterprise'), Type.Null()]),
  kindName: Type.String({ description: '自然人 / 法人及其他组织 / 未实名' }),
  name: Nullable(Type.String()),
  phone: Type.String({ description: 'masked 138****5678' }),
  idNumber: Nullable(Type.String({ description: 'masked 1522**********123X' })),
  creditCode: Nullable(Type.String({ description: 'masked 91152201*********5' })),
  address: Nullable(Type.String({ description: 'masked after the county' })),
  realNameVerified: Type.Boolean(),
  realNameVerifiedAt: Nullable(Type.String({ format: 'date-time' })),
  realNameProvider: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  signIns: Type.Array(SignInRecordSchema, { description: '最近的登录记录 recent sign-ins, newest first' }),
});
export type ApplicantMe = Static<typeof ApplicantMeSchema>;

export const ProblemSchema = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(), instance: Type.String() },
  { additionalProperties: true, description: 'RFC 9457 problem+json' },
);
