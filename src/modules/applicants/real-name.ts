// The real-name check (实名核验): does this name belong to this resident identity number, or this
// enterprise name to this credit code? Art. 20 (一证办理) needs the link phone → number to be true.
// Pluggable by TONGBAN_REAL_NAME_PROVIDER (src/config-applicants.ts).
//
// Only 'development-accept' ships: it ACCEPTS EVERY PAIR and exists for development and tests only;
// production refuses it unless explicitly allowed. A real provider (the public-security citizen
// identity service, or the market-regulation enterprise registry) implements RealNameChecker: it
// resolves { matched } for a definite answer and throws for an outage, never logs the number, and is
// added to REAL_NAME_PROVIDERS in src/config-applicants.ts and returned by realNameCheckerFor().
import type { Config } from '../../config.js';

export type RealNameSubject =
  | { kind: 'person'; name: string; idNumber: string }
  | { kind: 'enterprise'; name: string; creditCode: string };

export interface RealNameResult {
  matched: boolean;
  /** The provider that answered, recorded on the applicant (real_name_provider). */
  provider: string;
}

export interface RealNameChecker {
  readonly provider: string;
  /** True for checks that verify nothing: pages say so. */
  readonly development: boolean;
  realNameCheck(subject: RealNameSubject): Promise<RealNameResult>;
}

/** DEVELOPMENT ONLY: accepts every name/number pair without asking anyone. */
export const developmentAccept: RealNameChecker = {
  provider: 'development-accept',
  development: true,
  async realNameCheck() {
    return { matched: true, provider: 'development-accept' };
  },
};

export function realNameCheckerFor(config: Config): RealNameChecker {
  switch (config.realNameProvider) {
    case 'development-accept':
      return developmentAccept;
  }
}
