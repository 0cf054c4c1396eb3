import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PublicExaminerKey } from '../../../shared/attestation';

/** Overrides the examiner key's folder (tests, or an examiner who keeps the key on removable media). */
export const KEY_DIR_ENV = 'CAIRN_EXAMINER_KEY_DIR';
const PRIVATE_FILE = 'examiner-ed25519.pem';
const PUBLIC_FILE = 'examiner-ed25519.pub.pem';

export interface ExaminerKey extends PublicExaminerKey {
  sign(text: string): string;
}

/** The user's profile folder for Cairn (never inside a case: whoever can edit a case must not hold the key). */
export function defaultKeyDir(): string {
  const override = process.env[KEY_DIR_ENV];
  if (override) return override;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Cairn');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Cairn');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'cairn');
}

export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der.subarray(der.length - 32)).digest('hex');
}

/** Loads the examiner's key pair, creating it on first use (private key mode 0600). */
export function loadExaminerKey(dir = defaultKeyDir()): ExaminerKey {
  const privPath = join(dir, PRIVATE_FILE);
  let pem: string;
  try {
    pem = readFileSync(privPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    const fresh = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    try {
      writeFileSync(privPath, fresh, { flag: 'wx', mode: 0o600 });
      writeFileSync(join(dir, PUBLIC_FILE), pair.publicKey.export({ format: 'pem', type: 'spki' }).toString());
      if (process.platform !== 'win32') chmodSync(privPath, 0o600);
      pem = fresh;
    } catch (w) {
      // Another process made it first: use theirs, so one profile never has two keys.
      if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w;
      pem = readFileSync(privPath, 'utf8');
    }
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${privPath} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  return { algorithm: 'Ed25519', publicKey, fingerprint: fingerprintOf(publicKey), sign: (text) => signText(privateKey, text) };
}

function signText(key: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
}

/** True when `signature` (base64) is the holder of `publicKeyPem` signing exactly `text`. Never throws. */
export function verifySignature(publicKeyPem: string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function publicPart(k: ExaminerKey): PublicExaminerKey {
  return { algorithm: k.algorithm, publicKey: k.publicKey, fingerprint: k.fingerprint };
}
