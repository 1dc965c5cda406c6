// The shape of one demo catalog item (基本目录 entry) and everything its guides share.
import type { GuideContent, Material, ProcessStep } from '../../../modules/catalog/guide-content.js';
import type { ItemType } from '../../schema.js';
import type { DeptKey } from '../orgs.js';
import type { StepUnits } from '../guide-builders.js';

export type ServiceObject = GuideContent['serviceObjects'][number];
export type Situation = GuideContent['situations'][number];
export type SiteLevel = 'league' | 'county' | 'township';

export interface ResultSpec {
  name: string;
  kind: 'licence' | 'approval-document' | 'other';
  /** Name of the licence type in the demo e-licence library. */
  licence?: string;
  delivery?: GuideContent['result']['delivery'];
}

/** What a sub-item (子项) changes of its main item. */
export interface SubSpec {
  no: number;
  name: string;
  key: string;
  conditions?: string[];
  materials?: Material[];
  situations?: Situation[];
  promisedDays?: number;
  result?: ResultSpec;
}

export interface ItemSpec {
  /** ASCII slug used in sample file names. */
  key: string;
  /** Main item number of the basic code (unique within the type). */
  no: number;
  name: string;
  type: ItemType;
  dept: DeptKey;
  /** Where it is implemented: league department, every county's department, every township center. */
  levels: SiteLevel[];
  legalBasis: string[];
  /** The legal limit when the law sets one, in working days (catalog legal_limit_days). */
  legalDays: number | null;
  /** The limit the guide states when the law sets none (defaults to the promise). */
  guideLegalDays?: number;
  promisedDays: number;
  conditions: string[];
  objects: ServiceObject[];
  materials: Material[];
  situations?: Situation[];
  /** Units of the four standard steps, when not the window defaults. */
  units?: StepUnits;
  /** Steps outside the legal limit (公示, 鉴定 …). */
  special?: ProcessStep[];
  fees?: GuideContent['fees'];
  result: ResultSpec;
  forms?: GuideContent['handlingForms'];
  subs?: SubSpec[];
  /**
   * Deliberate local deviations (county code → override) so the consistency report (Art. 9 ¶2)
   * has something real to show; each is listed in docs/demo-data.md.
   */
  variants?: Record<string, Partial<Pick<ItemSpec, 'materials' | 'promisedDays'>>>;
}
