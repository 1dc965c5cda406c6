// The citizen's case pages without a browser (server-rendered HTML): the 在线申请 button of a guide
// handled online, the sign-in and real-name gates of /apply, the situation step, exactly the chosen
// situation's materials, the offer of an earlier material of the same identity (一证办理), and
// 我的办件 with the timeline after a state change — never another applicant's case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseGuideContent, createCaseTestApp, makeApplicant, makeCaseWorld, PNG, submitOnline, uploadAsApplicant, type CaseTestApp, type CaseWorld, type TestApplicant } from '../case-fixture.js';
import { makeGuide, makeImplementation, makeItem } from '../factories.js';
import { DEFAULT_LICENCE_TYPES } from '../../src/modules/catalog/licence-types.js';
import { FOOD_LICENCE, issue } from './licence-fixture.js';

let t: CaseTestApp;
let world: CaseWorld;
let windowOnly: { id: string; code: string };
let unverified: TestApplicant;

beforeAll(async () => {
  t = await createCaseTestApp();
  world = await makeCaseWorld(t.db, t.config);
  windowOnly = await makeImplementation(t.db, { orgId: world.orgs.dept.id });
  await makeGuide(t.db, { implementationId: windowOnly.id, content: caseGuideContent({ handlingForms: ['window'] }) });
  unverified = await makeApplicant(t.db, t.config, { verified: false });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, a?: TestApplicant) => t.app.inject({ method: 'GET', url, cookies: a ? { tb_applicant: a.token } : {} });

/** The file inputs on a page, by the material they are for. */
const uploadInputs = (page: string) => [...page.matchAll(/<input type="file" id="file-([^"]+)"/g)].map((m) => m[1]);

describe('在线申请 on the guide page', () => {
  it('is offered where the guide handles online, leading to /apply/:implementationId', async () => {
    const page = await get(`/guides/${world.implementation.code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<a class="button apply-online" href="/apply/${world.implementation.id}">在线申请</a>`);

    const windowPage = await get(`/guides/${windowOnly.code}`);
    expect(windowPage.statusCode).toBe(200);
    expect(windowPage.body).not.toContain('在线申请');
  });
});

describe('/apply/:implementationId', () => {
  it('sends a visitor without a session to the sign-in first', async () => {
    const res = await get(`/apply/${world.implementation.id}`);
    expect(res.statusCode).toBe(303);
    // …and back to the application once signed in.
    expect(res.headers.location).toBe(`/my/login?next=${encodeURIComponent(`/apply/${world.implementation.id}`)}`);
  });

  it('asks an applicant without real-name verification to verify first', async () => {
    const res = await get(`/apply/${world.implementation.id}`, unverified);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('请先完成实名核验');
    expect(res.body).toContain(`href="/my?next=/apply/${world.implementation.id}#real-name-title"`);
    expect(uploadInputs(res.body)).toEqual([]);
  });

  it('answers 404 for an unknown implementation, and says where to go for one not handled online', async () => {
    expect((await get('/apply/no-such-implementation', world.applicant)).statusCode).toBe(404);
    const res = await get(`/apply/${windowOnly.id}`, world.applicant);
    expect(res.body).toContain('该事项暂不支持在线申请');
    expect(uploadInputs(res.body)).toEqual([]);
  });

  it('starts with the situation step when the guide has several situations, the guide beside it', async () => {
    const res = await get(`/apply/${world.implementation.id}`, world.applicant);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('第 1 步 选择您的情形');
    expect(res.body).toContain('<input type="radio" name="situation" value="new"');
    expect(res.body).toContain('<input type="radio" name="situation" value="change"');
    expect(uploadInputs(res.body)).toEqual([]);
    // The guide beside the form: time limit, fees and the consultation phone.
    expect(res.body).toContain('<dt>承诺时限</dt><dd>20 个工作日');
    expect(res.body).toContain('<dt>收费</dt><dd>不收费</dd>');
    expect(res.body).toContain('<a href="tel:04828218120">0482-8218120</a>');
  });

  it('asks exactly for the chosen situation’s materials', async () => {
    const change = await get(`/apply/${world.implementation.id}?situation=change`, world.applicant);
    expect(change.statusCode).toBe(200);
    expect(uploadInputs(change.body)).toEqual(['application', 'changeproof']);
    expect(change.body).toContain('您选择的情形：<strong>变更</strong>');
    expect(change.body).not.toContain('经营场所平面布局图');
    expect(change.body).not.toContain('经营场所租赁合同');

    const fresh = await get(`/apply/${world.implementation.id}?situation=new`, world.applicant);
    expect(uploadInputs(fresh.body)).toEqual(['application', 'floorplan', 'lease']);
    expect(fresh.body).not.toContain('变更事项证明材料');
    // 营业执照 comes by data sharing: named, with no upload.
    expect(fresh.body).toMatch(/data-material="bizlicence" data-shared>[\s\S]*?营业执照[\s\S]*?通过数据共享获取/);
    // The optional lease is marked so, the others required.
    expect(fresh.body).toMatch(/data-material="lease" data-name="经营场所租赁合同">/);
    expect(fresh.body).toMatch(/data-material="floorplan" data-name="经营场所平面布局图" data-required>/);
    // The applicant's own (masked) identity, never the whole number.
    expect(fresh.body).toContain(`1522**********${world.applicant.idNumber.slice(-4)}`);
    expect(fresh.body).not.toContain(world.applicant.idNumber);

    const bogus = await get(`/apply/${world.implementation.id}?situation=bogus`, world.applicant);
    expect(bogus.statusCode).toBe(400);
    expect(bogus.body).toContain('所选情形不在办事指南中');
    expect(uploadInputs(bogus.body)).toEqual([]);
  });

  it('offers an earlier material of the same identity for reuse (一证办理), to nobody else', async () => {
    const before = await get(`/apply/${world.implementation.id}?situation=new`, world.applicant);
    expect(before.body).not.toContain('使用已有材料');

    // An earlier application (变更) with the 申请书 uploaded.
    const earlier = await submitOnline(t, world, {
      situationId: 'change',
      materials: [
        { materialId: 'application', fileId: await uploadAsApplicant(t, world.applicant.token, '申请书-张三明.pdf') },
        { materialId: 'changeproof', fileId: await uploadAsApplicant(t, world.applicant.token, '变更证明.png', PNG) },
      ],
    });

    const page = await get(`/apply/${world.implementation.id}?situation=new`, world.applicant);
    expect(page.body).toContain('使用已有材料：申请书-张三明.pdf');
    expect(page.body).toContain(`办件 ${earlier.caseNumber}`);
    // Offered for the 申请书 only: the floor plan was never handed in.
    expect(page.body).toMatch(/data-material="application"[\s\S]*?使用已有材料：申请书-张三明\.pdf[\s\S]*?data-material="floorplan"/);
    expect(page.body.split('使用已有材料：').length - 1).toBe(1);

    const theirs = await get(`/apply/${world.implementation.id}?situation=new`, world.otherApplicant);
    expect(theirs.body).not.toContain('使用已有材料');
    expect(theirs.body).not.toContain(earlier.caseNumber);
  });
});

describe('我的办件', () => {
  it('needs the applicant’s session', async () => {
    const res = await get('/my/cases');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/my/login?next=%2Fmy%2Fcases');
  });

  it('lists my cases with number and state; one case shows its timeline, and after a state change what to do next', async () => {
    const submitted = await submitOnline(t, world);
    const list = await get('/my/cases', world.applicant);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/my/cases/${submitted.id}"`);
    expect(list.body).toContain(submitted.caseNumber);
    expect(list.body).toMatch(new RegExp(`${submitted.id}">食品经营许可</a> <span class="state-tag state-submitted">待受理</span>`));
    expect((await get('/my/cases', world.otherApplicant)).body).not.toContain(submitted.caseNumber);

    const before = await get(`/my/cases/${submitted.id}?submitted=1`, world.applicant);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain(`申请已提交，办件编号 ${submitted.caseNumber}`);
    expect(before.body).toContain('当前状态：<span class="state-tag state-submitted">待受理</span>');
    expect(before.body).toContain('<strong>提交申请</strong> → 待受理');
    expect(before.body).not.toContain('补齐补正材料</h2>');
    // Still before a decision: the applicant may withdraw.
    expect(before.body).toContain('data-action="withdraw"');

    // The clerk issues the one-time supplement notice (一次性告知).
    const notice = await t.injectAs(world.users.clerk, {
      method: 'POST',
      url: `/api/cases/${submitted.id}/actions/request-supplement`,
      payload: { version: submitted.version, items: [{ materialId: 'floorplan', note: '平面图须标明操作间面积' }], deadlineOn: '2026-03-20' },
    });
    expect(notice.statusCode, notice.body).toBe(200);

    const after = await get(`/my/cases/${submitted.id}`, world.applicant);
    expect(after.body).toContain('当前状态：<span class="state-tag state-awaiting-supplement">待补齐补正</span>');
    // The timeline: both steps, in order, the state each led to.
    expect(after.body).toMatch(/<strong>提交申请<\/strong> → 待受理[\s\S]*<strong>一次性告知补齐补正<\/strong> → 待补齐补正/);
    // What to do next: exactly the listed material with its note, a supply form for it, the deadline.
    expect(after.body).toContain('<h2 id="supply-title">补齐补正材料</h2>');
    expect(after.body).toContain('<time datetime="2026-03-20">2026年3月20日</time>');
    expect(uploadInputs(after.body)).toEqual(['supply-floorplan']);
    expect(after.body).toContain('补正说明：平面图须标明操作间面积');
    expect(after.body).toContain(`data-action="supply" data-case="${submitted.id}" data-version="${submitted.version + 1}"`);
    // The notice to download, at the applicant's own address.
    expect(after.body).toMatch(new RegExp(`href="/api/my/cases/${submitted.id}/notices/[0-9a-f-]{36}/pdf" download>一次性补齐补正告知书`));

    // Another applicant: as if the case did not exist.
    const theirs = await get(`/my/cases/${submitted.id}`, world.otherApplicant);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain(submitted.caseNumber);
  });

  it('shows the portal messages (我的消息) of the case', async () => {
    const submitted = await submitOnline(t, world);
    const page = await get(`/my/cases/${submitted.id}`, world.applicant);
    const messages = page.body.slice(page.body.indexOf('id="messages-title"'));
    expect(messages).toContain(submitted.caseNumber);
    expect(messages).not.toContain('本办件暂无消息');
  });

  it('after a tolerant acceptance (容缺受理): the due date in words and a corrections form for the listed material', async () => {
    const submitted = await submitOnline(t, world);
    const accepted = await t.injectAs(world.users.clerk, {
      method: 'POST',
      url: `/api/cases/${submitted.id}/actions/accept-tolerant`,
      payload: { version: submitted.version, items: [{ materialId: 'application', note: '申请书缺法定代表人签字' }], deadlineOn: '2026-03-13' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const detail = accepted.json();

    const page = await get(`/my/cases/${submitted.id}`, world.applicant);
    expect(page.body).toContain('当前状态：<span class="state-tag state-under-review">审查中</span>');
    expect(page.body).toContain(`承诺 <time datetime="${detail.dueOn}">`);
    expect(page.body).toContain('<h2 id="corrections-title">容缺补正材料</h2>');
    expect(uploadInputs(page.body)).toEqual(['corrections-application']);
    expect(page.body).toContain('补正说明：申请书缺法定代表人签字');
    expect(page.body).toContain(`data-action="corrections" data-case="${submitted.id}" data-version="${detail.version}"`);
    expect(page.body).not.toContain('data-action="supply"');
  });
});

describe('/apply/:implementationId with a licence the platform holds (Art. 10(四), Art. 20)', () => {
  it('shows the held licence as provided, with no upload for it; another applicant is asked to upload', async () => {
    await t.db
      .insertInto('licence_types')
      .values(DEFAULT_LICENCE_TYPES.map((l) => ({ code: l.code, name: l.name, issuing_department: l.issuingDepartment, shareable: true })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const base = caseGuideContent().materials;
    const renewal = await makeImplementation(t.db, { itemId: (await makeItem(t.db, { name: '食品经营许可延续' })).id, orgId: world.orgs.dept.id });
    await makeGuide(t.db, {
      implementationId: renewal.id,
      effectiveFrom: '2024-01-01',
      content: caseGuideContent({
        itemName: '食品经营许可延续',
        // The guide asks the applicant for the licence itself (source 'applicant').
        materials: [base.find((m) => m.id === 'application')!, { ...base.find((m) => m.id === 'floorplan')!, id: 'foodlicence', name: '食品经营许可证（原证）', licenceTypeCode: FOOD_LICENCE }],
        situations: [],
      }),
    });
    const licence = await issue(t.app.deps, {
      issuerOrgId: world.orgs.dept.id,
      holder: { kind: 'person', identity: world.applicant.idNumber, name: world.applicant.name },
      validUntil: '2029-03-01',
    });

    const page = await get(`/apply/${renewal.id}`, world.applicant);
    expect(page.statusCode).toBe(200);
    expect(uploadInputs(page.body)).toEqual(['application']);
    expect(page.body).toContain(`已由平台调取：食品经营许可证（编号 ${licence.licenceNumber}，有效期至 <time datetime="2029-03-01">2029年3月1日</time>）`);
    // data-shared: cases.js neither requires nor sends an upload for it.
    expect(page.body).toMatch(/data-material="foodlicence" data-shared data-held="[^"]+">/);

    const theirs = await get(`/apply/${renewal.id}`, world.otherApplicant);
    expect(uploadInputs(theirs.body)).toEqual(['application', 'foodlicence']);
    expect(theirs.body).not.toContain('已由平台调取');
  });
});
