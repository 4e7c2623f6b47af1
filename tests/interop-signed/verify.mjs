// Independent check of hotkey-signed HTTP headers for Loosh.Protocols.Tests (polkadot-js, pinned by package-lock.json).
// Reads a JSON array of {"address": "<ss58 X-Hotkey>", "message": "<UTF-8 signed text>", "signature": "0x<hex X-Signature>"}
// on stdin and writes a JSON array of {"valid": bool} (same order) on stdout.
import { stringToU8a } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, signatureVerify } from '@polkadot/util-crypto';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
await cryptoWaitReady();
const requests = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const answers = requests.map(({ address, message, signature }) => {
  try {
    const publicKey = decodeAddress(address);
    const result = signatureVerify(stringToU8a(message), signature, publicKey);
    return { valid: result.isValid && result.crypto === 'sr25519' };
  } catch {
    return { valid: false };
  }
});
process.stdout.write(JSON.stringify(answers));
