// Plausible addresses: real street names of 乌兰浩特 for league bodies; each county's seat town
// with common street names for county bodies. House numbers are derived from a hash so reseeding
// gives the same address.
import { digest } from './ids.js';

const PROVINCE_LEAGUE = '内蒙古自治区兴安盟';

const ULANHOT_STREETS = ['兴安北大路', '兴安南大路', '五一北路', '五一南路', '罕山街', '洮儿河路', '乌兰北路', '都林街', '新桥街', '红城路', '和平街', '胜利街'];
const SEAT_STREETS = ['人民路', '政府路', '建设路', '新华街', '团结路', '文化路', '民族街', '友谊路'];

/** County code → the seat (旗县市人民政府驻地) the address starts from. */
const SEATS: Record<string, string> = {
  '152201': '',
  '152202': '新城街道',
  '152221': '科尔沁镇',
  '152222': '巴彦呼舒镇',
  '152223': '音德尔镇',
  '152224': '突泉镇',
};

function pick<T>(list: readonly T[], key: string, salt: string): T {
  return list[digest(`${salt}:${key}`)[0] % list.length];
}

function houseNumber(key: string): number {
  const b = digest(`no:${key}`);
  return 1 + ((b[0] * 256 + b[1]) % 198);
}

export function leagueAddress(key: string): string {
  if (key === 'center') return `${PROVINCE_LEAGUE}乌兰浩特市兴安南大路与罕山街交汇处`;
  if (key === 'gov') return `${PROVINCE_LEAGUE}乌兰浩特市兴安北大路1号`;
  return `${PROVINCE_LEAGUE}乌兰浩特市${pick(ULANHOT_STREETS, key, 'league')}${houseNumber(`league:${key}`)}号`;
}

export function countyAddress(countyCode: string, countyName: string, key: string): string {
  const streets = countyCode === '152201' ? ULANHOT_STREETS : SEAT_STREETS;
  const street = key === 'gov' || key === 'center' ? pick(streets, countyCode, key) : pick(streets, `${countyCode}:${key}`, 'dept');
  return `${PROVINCE_LEAGUE}${countyName}${SEATS[countyCode] ?? ''}${street}${houseNumber(`${countyCode}:${key}`)}号`;
}

/** A township center sits on the ground floor of its government's building. */
export function townshipAddress(govName: string): string {
  return `${PROVINCE_LEAGUE}${govName}办公楼一楼`;
}
