import { describe, expect, it } from 'vitest';
import {
  maskAddress,
  maskCreditCode,
  maskEmail,
  maskIdentityNumber,
  maskName,
  maskPersonalFields,
  maskPhone,
  personalKindOfKey,
  presentPersonal,
} from './mask.js';

describe('maskIdentityNumber (re-exported)', () => {
  it('shows the first 4 and last 4 characters', () => {
    expect(maskIdentityNumber('15220119900101123x')).toBe('1522**********123X');
  });
});

describe('maskPhone', () => {
  it('masks the middle four digits of a mobile number, with or without a country code', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('+86138****5678');
  });

  it('keeps the area code and the last four digits of a landline', () => {
    expect(maskPhone('0482-8261234')).toBe('0482-***1234');
    expect(maskPhone('04828261234')).toBe('0482-***1234');
    expect(maskPhone('010-12345678')).toBe('010-****5678');
    expect(maskPhone('0482-8261234-801')).toBe('0482-***1234');
  });

  it('hides short or unknown numbers entirely rather than leaving most digits', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('')).toBe('****');
    expect(maskPhone('999912345678')).toBe('********5678');
  });
});

describe('maskAddress', () => {
  it('keeps province, prefecture and county, hides the rest with a fixed mask', () => {
    expect(maskAddress('内蒙古自治区兴安盟乌兰浩特市兴安北路12号3单元401')).toBe('内蒙古自治区兴安盟乌兰浩特市****');
    expect(maskAddress('内蒙古自治区兴安盟科尔沁右翼前旗科尔沁镇幸福小区5号楼')).toBe('内蒙古自治区兴安盟科尔沁右翼前旗****');
    expect(maskAddress('北京市海淀区中关村大街1号')).toBe('北京市海淀区****');
    expect(maskAddress('兴安盟突泉县突泉镇光明街')).toBe('兴安盟突泉县****');
  });

  it('does not take a housing estate (小区) for a district, and keeps little of an address without divisions', () => {
    const masked = maskAddress('幸福小区5号楼2单元');
    expect(masked.endsWith('****')).toBe(true);
    expect(masked).not.toContain('2单元');
    expect(masked.length).toBeLessThanOrEqual(9);
  });
});

describe('maskCreditCode, maskName, maskEmail', () => {
  it('keeps authority, type, division and check character of a credit code', () => {
    expect(maskCreditCode('91152201ma0n1234x5')).toBe('91152201*********5');
  });

  it('keeps the surname and the last character of a Chinese name', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('Alice')).toBe('A****');
  });

  it('keeps the first letter and the domain of an e-mail address', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z*******@example.com');
  });
});

describe('maskPersonalFields', () => {
  it('masks by field name at any depth, in arrays, leaving other fields and the input untouched', () => {
    const changed = {
      status: 'accepted',
      applicant: {
        idNumber: '15220119900101123X',
        contact_phone: '13812345678',
        homeAddress: '内蒙古自治区兴安盟乌兰浩特市兴安北路12号',
        creditCode: '91152201MA0N1234X5',
        applicantName: '张三明',
        hasPhone: true,
        ipAddress: '10.0.0.8',
        at: new Date('2025-01-01T00:00:00Z'),
      },
      contacts: [{ mobile: '13900001111' }, { mobile: null }],
      password: 'hunter2',
    };
    const masked = maskPersonalFields(changed);
    expect(masked).toEqual({
      status: 'accepted',
      applicant: {
        idNumber: '1522**********123X',
        contact_phone: '138****5678',
        homeAddress: '内蒙古自治区兴安盟乌兰浩特市****',
        creditCode: '91152201*********5',
        applicantName: '张*明',
        hasPhone: true,
        ipAddress: '10.0.0.8',
        at: new Date('2025-01-01T00:00:00Z'),
      },
      contacts: [{ mobile: '139****1111' }, { mobile: null }],
      password: '[redacted]',
    });
    expect(changed.applicant.idNumber).toBe('15220119900101123X');
  });

  it('redacts a whole object under a personal key and survives cycles', () => {
    const node: Record<string, unknown> = { address: { street: '兴安北路12号' } };
    node.self = node;
    const masked = maskPersonalFields(node) as Record<string, unknown>;
    expect(masked.address).toBe('[redacted]');
    expect(masked.self).toBe('[circular]');
  });

  it('recognises the common spellings of personal fields', () => {
    expect(personalKindOfKey('id_number')).toBe('identityNumber');
    expect(personalKindOfKey('legalPersonIdCard')).toBe('identityNumber');
    expect(personalKindOfKey('MOBILE')).toBe('phone');
    expect(personalKindOfKey('verificationCode')).toBe('secret');
    expect(personalKindOfKey('remoteAddress')).toBeNull();
    expect(personalKindOfKey('itemCode')).toBeNull();
  });
});

describe('presentPersonal', () => {
  it('gives the value whole only to a viewer who needs it', () => {
    expect(presentPersonal('13812345678', 'phone', true)).toBe('13812345678');
    expect(presentPersonal('13812345678', 'phone', false)).toBe('138****5678');
    expect(presentPersonal('15220119900101123X', 'identityNumber', false)).toBe('1522**********123X');
    expect(presentPersonal(null, 'address', false)).toBeNull();
  });

  it('never shows a secret, whoever asks', () => {
    expect(presentPersonal('123456', 'secret', true)).toBe('[redacted]');
  });
});
