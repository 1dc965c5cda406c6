// Item codes after the structure of GB/T 39554.1 (政务服务事项基本目录及实施清单 编码要求):
//   basic code (基本编码, 10 digits) = item type code (2) + main item number (5) + sub-item number (3, 000 = none)
//   implementation code (实施编码, 29 chars) = basic code (10) + level digit (1, 事权层级) + the implementing
//   organization's unified social credit code (18)
// so one basic item is traceable across league, county and township by the shared 10-digit prefix.
import type { ItemType, Level } from '../../db/schema.js';

/** The type codes of the national power-list classification (权力类型代码). */
export const ITEM_TYPE_CODES: Record<ItemType, string> = {
  licensing: '01',
  payment: '05',
  confirmation: '07',
  reward: '08',
  adjudication: '09',
  'other-power': '10',
  'public-service': '20',
};

/** 事权层级: 1 national, 2 provincial, 3 prefecture (盟/市), 4 county, 5 township, 6 village. */
export const LEVEL_DIGITS: Record<Level, string> = { league: '3', county: '4', township: '5', village: '6' };

export const BASIC_CODE_PATTERN = /^(01|05|07|08|09|10|20)\d{5}\d{3}$/;
export const IMPLEMENTATION_CODE_PATTERN = /^(01|05|07|08|09|10|20)\d{8}[3-6][0-9A-HJ-NPQRTUWXY]{18}$/;

export function basicCode(type: ItemType, mainNumber: number, subNumber = 0): string {
  if (!Number.isInteger(mainNumber) || mainNumber < 1 || mainNumber > 99999) throw new RangeError('main item number must be 1–99999');
  if (!Number.isInteger(subNumber) || subNumber < 0 || subNumber > 999) throw new RangeError('sub-item number must be 0–999');
  return `${ITEM_TYPE_CODES[type]}${String(mainNumber).padStart(5, '0')}${String(subNumber).padStart(3, '0')}`;
}

export function implementationCode(basic: string, level: Level, orgCreditCode: string): string {
  return `${basic}${LEVEL_DIGITS[level]}${orgCreditCode}`;
}

/** The basic code an implementation code was derived from. */
export function basicCodeOf(implementation: string): string {
  return implementation.slice(0, 10);
}
