// `tongban archive verify FILE` on a package exported from a delivered case: intact it passes;
// one byte changed in any file, a file removed or added, the manifest edited, an audit record
// edited or the seal keys swapped for a forger's, and it fails naming the file. Exit 0 / 1 / 2.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchive, type ArchiveVerdict } from '../../src/modules/archive/verify.js';
import { generateSealKeys, publicKeyFingerprint, signDigest, sm3Hex } from '../../src/modules/seals/crypto.js';
import { deliveredCase, exportArchive } from '../archive-fixture.js';
import { createCaseTestApp, makeCaseWorld } from '../case-fixture.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function tongban(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/tongban.mjs', ...args], { env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let pkg: Buffer;
let entries: Map<string, Uint8Array>;
let manifest: Json;

beforeAll(async () => {
  const t = await createCaseTestApp();
  try {
    const world = await makeCaseWorld(t.db, t.config);
    const delivered = await deliveredCase(t, world);
    const res = await exportArchive(t, world.users.clerk, delivered.id);
    expect(res.statusCode, res.body).toBe(200);
    pkg = res.rawPayload;
  } finally {
    await t.close();
  }
  const zip = await JSZip.loadAsync(pkg);
  entries = new Map();
  for (const f of Object.values(zip.files)) if (!f.dir) entries.set(f.name, await f.async('uint8array'));
  manifest = JSON.parse(Buffer.from(entries.get('manifest.json')!).toString('utf8'));
  dir = await mkdtemp(path.join(tmpdir(), 'tongban-archive-'));
}, 90_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The package rebuilt with the files as the change leaves them. */
async function repack(change: (files: Map<string, Uint8Array>) => void): Promise<Buffer> {
  const files = new Map([...entries].map(([name, bytes]) => [name, Uint8Array.from(bytes)]));
  change(files);
  const zip = new JSZip();
  for (const [name, bytes] of files) zip.file(name, bytes);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const json = (value: unknown) => new Uint8Array(Buffer.from(`${JSON.stringify(value, null, 2)}\n`));
const flipMiddleByte = (bytes: Uint8Array) => {
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
};
const named = (verdict: ArchiveVerdict) => verdict.problems.map((p) => [p.file, p.problem]);

describe('tongban archive verify', () => {
  it('passes an untouched package: {ok: true, files, problems: []}, exit 0, and shows the seal fingerprints', async () => {
    const file = path.join(dir, 'intact.zip');
    await writeFile(file, pkg);
    const [asJson, asText] = await Promise.all([tongban('archive', 'verify', file, '--json'), tongban('archive', 'verify', file)]);
    expect(asJson.code, asJson.stderr).toBe(0);
    const out = JSON.parse(asJson.stdout);
    expect(out).toMatchObject({ ok: true, files: manifest.files.length, problems: [] });
    expect(manifest.files.map((f: Json) => f.role).sort()).toEqual(['audit-records', 'case-record', 'document', 'document', 'document', 'received', 'received', 'received']);
    expect(asText.code).toBe(0);
    expect(asText.stdout).toContain('档案包完好 intact');
    expect(asText.stdout).toContain(publicKeyFingerprint(manifest.seals[0].publicKey));
  });

  it('names the file when one byte of any file in the package is changed', async () => {
    expect(entries.size).toBe(manifest.files.length + 2);
    for (const name of entries.keys()) {
      const verdict = await verifyArchive(await repack((files) => flipMiddleByte(files.get(name)!)));
      expect(verdict.ok, name).toBe(false);
      expect(verdict.problems.map((p) => p.file), name).toContain(name);
      // A listed file is caught by its SM3, and only it is named (audit.json may also show a record
      // the change broke).
      if (name !== 'manifest.json' && name !== 'manifest.sig.json') {
        expect(named(verdict)[0], name).toEqual([name, 'sm3-mismatch']);
        expect(new Set(verdict.problems.map((p) => p.file)), name).toEqual(new Set([name]));
      }
    }
  });

  it('names a removed file, a file added, and a removed manifest or signature', async () => {
    const document = manifest.files.find((f: Json) => f.role === 'document').path;
    const received = manifest.files.find((f: Json) => f.role === 'received').path;
    expect(named(await verifyArchive(await repack((files) => files.delete(document))))).toEqual([[document, 'missing']]);
    expect(named(await verifyArchive(await repack((files) => files.delete(received))))).toEqual([[received, 'missing']]);
    expect(named(await verifyArchive(await repack((files) => files.set('received/99 补充.pdf', new Uint8Array([37, 80, 68, 70])))))).toEqual([['received/99 补充.pdf', 'extra']]);
    expect(named(await verifyArchive(await repack((files) => files.delete('manifest.sig.json'))))).toEqual([['manifest.sig.json', 'missing']]);
    expect(named(await verifyArchive(await repack((files) => files.delete('manifest.json'))))).toEqual([['manifest.json', 'missing']]);
  });

  it('catches an edited manifest, even one edited to match a replaced file', async () => {
    // Replace a received file and make the manifest agree: the manifest no longer matches its signature.
    const entry = manifest.files.find((f: Json) => f.role === 'received');
    const forged = new Uint8Array(Buffer.from('%PDF-1.4 forged'));
    const verdict = await verifyArchive(
      await repack((files) => {
        files.set(entry.path, forged);
        const edited = structuredClone(manifest);
        Object.assign(edited.files.find((f: Json) => f.path === entry.path), { sm3: sm3Hex(forged), size: forged.length });
        files.set('manifest.json', json(edited));
      }),
    );
    expect(named(verdict)).toEqual([['manifest.json', 'manifest-altered']]);
  });

  it('recomputes each audit record’s hash: an edited record is named even when the manifest is made to agree', async () => {
    const audit = JSON.parse(Buffer.from(entries.get('audit.json')!).toString('utf8'));
    audit[0].changes = { ...audit[0].changes, caseNumber: 'TB000' };
    const bytes = json(audit);
    const verdict = await verifyArchive(
      await repack((files) => {
        files.set('audit.json', bytes);
        const edited = structuredClone(manifest);
        Object.assign(edited.files.find((f: Json) => f.path === 'audit.json'), { sm3: sm3Hex(bytes), size: bytes.length });
        files.set('manifest.json', json(edited));
      }),
    );
    expect(named(verdict)).toEqual([
      ['manifest.json', 'manifest-altered'],
      ['audit.json', 'audit-record-altered'],
    ]);
  });

  it('a package re-signed with a forger’s key still fails: the documents’ seal signatures do not verify', async () => {
    const keys = generateSealKeys();
    const edited = structuredClone(manifest);
    for (const seal of edited.seals) Object.assign(seal, { publicKey: keys.publicKey, fingerprint: publicKeyFingerprint(keys.publicKey) });
    const manifestBytes = json(edited);
    const digest = sm3Hex(manifestBytes);
    const signature = JSON.parse(Buffer.from(entries.get('manifest.sig.json')!).toString('utf8'));
    Object.assign(signature, { digest, signature: signDigest(digest, keys.privateKey, keys.publicKey), publicKey: keys.publicKey });
    const verdict = await verifyArchive(
      await repack((files) => {
        files.set('manifest.json', manifestBytes);
        files.set('manifest.sig.json', json(signature));
      }),
    );
    const documents = manifest.files.filter((f: Json) => f.role === 'document').map((f: Json) => [f.path, 'signature-invalid']);
    expect(named(verdict)).toEqual(documents);
    // And the fingerprint shown is the forger's, not the organization's.
    expect(verdict.seals.map((s) => s.fingerprint)).not.toContain(publicKeyFingerprint(manifest.seals[0].publicKey));
  });

  it('exits 1 naming the file for a tampered package, 2 for a file that is not a zip or does not exist', async () => {
    const received = manifest.files.find((f: Json) => f.role === 'received').path;
    const tampered = path.join(dir, 'tampered.zip');
    await writeFile(tampered, await repack((files) => flipMiddleByte(files.get(received)!)));
    const notZip = path.join(dir, 'not-a-zip.zip');
    await writeFile(notZip, 'this is not a zip file');
    const [bad, unreadable, missing] = await Promise.all([
      tongban('archive', 'verify', tampered, '--json'),
      tongban('archive', 'verify', notZip, '--json'),
      tongban('archive', 'verify', path.join(dir, 'no-such.zip')),
    ]);
    expect(bad.code, bad.stderr).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, files: manifest.files.length, problems: [{ file: received, problem: 'sm3-mismatch' }] });
    expect(unreadable.code).toBe(2);
    expect(JSON.parse(unreadable.stdout).error).toContain('zip');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法读取文件');
  });
});
