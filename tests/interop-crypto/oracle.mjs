// Independent sr25519 / SS58 / mnemonic implementations for Loosh.Chain.Tests.
// Reads a JSON array of requests on stdin and writes a JSON array of answers (same order) on stdout.
// Byte strings travel as lowercase hex without 0x. Requests:
//   {"op":"derive","mnemonic":"..."[,"password":".."]}      -> miniSecret, publicKey (polkadot-js), scurePublicKey, ss58, secretKey (polkadot-js 64-byte form)
//   {"op":"sign","miniSecret":"..","message":".."[,"random":".."]} -> publicKey, polkadot (signature), scure (signature;
//                                                              with "random", @scure's 32 transcript-RNG bytes are fixed)
//   {"op":"verify","publicKey":"..","message":"..","signature":".."} -> polkadot (bool), scure (bool)
//   {"op":"ss58Encode","publicKey":"..","prefix":n}          -> address
//   {"op":"ss58Decode","address":".."}                       -> publicKey, or error
import { hexToU8a, u8aToHex } from '@polkadot/util';
import {
  cryptoWaitReady,
  decodeAddress,
  encodeAddress,
  mnemonicToMiniSecret,
  sr25519PairFromSeed,
  sr25519Sign,
  sr25519Verify,
} from '@polkadot/util-crypto';
import * as scure from '@scure/sr25519';

const hex = (bytes) => u8aToHex(bytes, -1, false);
const bytes = (text) => hexToU8a(`0x${text}`);

// A verifier that throws (bad marker, bad point) has rejected the signature.
const verdict = (verify) => {
  try {
    return verify() === true;
  } catch {
    return false;
  }
};

const handlers = {
  derive({ mnemonic, password }) {
    const miniSecret = mnemonicToMiniSecret(mnemonic, password ?? '');
    const pair = sr25519PairFromSeed(miniSecret);
    return {
      miniSecret: hex(miniSecret),
      publicKey: hex(pair.publicKey),
      scurePublicKey: hex(scure.getPublicKey(scure.secretFromSeed(miniSecret))),
      ss58: encodeAddress(pair.publicKey, 42),
      secretKey: hex(pair.secretKey),
    };
  },
  sign({ miniSecret, message, random }) {
    const seed = bytes(miniSecret);
    const pair = sr25519PairFromSeed(seed);
    const scureSecret = scure.secretFromSeed(seed);
    return {
      publicKey: hex(pair.publicKey),
      polkadot: hex(sr25519Sign(bytes(message), pair)),
      scure: hex(random ? scure.sign(scureSecret, bytes(message), bytes(random)) : scure.sign(scureSecret, bytes(message))),
    };
  },
  verify({ publicKey, message, signature }) {
    return {
      polkadot: verdict(() => sr25519Verify(bytes(message), bytes(signature), bytes(publicKey))),
      scure: verdict(() => scure.verify(bytes(message), bytes(signature), bytes(publicKey))),
    };
  },
  ss58Encode({ publicKey, prefix }) {
    return { address: encodeAddress(bytes(publicKey), prefix) };
  },
  ss58Decode({ address }) {
    try {
      return { publicKey: hex(decodeAddress(address)) };
    } catch (error) {
      return { error: String(error.message ?? error) };
    }
  },
};

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

await cryptoWaitReady();
const requests = JSON.parse(await readStdin());
const answers = requests.map((request) => {
  const handler = handlers[request.op];
  if (!handler) {
    throw new Error(`unknown op ${request.op}`);
  }
  return handler(request);
});
process.stdout.write(JSON.stringify(answers));
