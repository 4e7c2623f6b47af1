// Independent Fernet (npm fernet) and RSA-OAEP-SHA256 (Node's crypto) for Loosh.Protocols.Tests.
// Reads a JSON array of requests on stdin and writes a JSON array of answers (same order) on stdout. Requests:
//   {"op":"fernetEncrypt","key":"<44 chars>","message":"<text>"}            -> token
//   {"op":"fernetDecrypt","key":"..","token":"..","ttl":n (0 = no TTL)}     -> message, or error
//   {"op":"rsaGenerate"}                                                   -> publicKey (PEM SPKI), privateKey (PEM PKCS#8)
//   {"op":"rsaEncrypt","publicKey":"<PEM>","message":"<text>"}             -> ciphertext (base64)
//   {"op":"rsaDecrypt","privateKey":"<PEM>","ciphertext":"<base64>"}       -> message, or error
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';
import { createRequire } from 'node:module';

const fernet = createRequire(import.meta.url)('fernet');
const oaep = (key) => ({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' });

const handlers = {
  fernetEncrypt({ key, message }) {
    const token = new fernet.Token({ secret: new fernet.Secret(key), ttl: 0 });
    return { token: token.encode(message) };
  },
  fernetDecrypt({ key, token, ttl }) {
    return { message: new fernet.Token({ secret: new fernet.Secret(key), token, ttl: ttl ?? 0 }).decode() };
  },
  rsaGenerate() {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    return { publicKey: pair.publicKey, privateKey: pair.privateKey };
  },
  rsaEncrypt({ publicKey, message }) {
    return { ciphertext: publicEncrypt(oaep(publicKey), Buffer.from(message, 'utf8')).toString('base64') };
  },
  rsaDecrypt({ privateKey, ciphertext }) {
    return { message: privateDecrypt(oaep(privateKey), Buffer.from(ciphertext, 'base64')).toString('utf8') };
  },
};

const answer = (request) => {
  try {
    return handlers[request.op](request);
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
};

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(answer)));
});
