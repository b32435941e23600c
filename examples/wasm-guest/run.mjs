// Runs the guest next to the generated accessor module in Node 22:
//   wxl build --lang wasm --out out schemas/logs.wxl   (writes out/logs.wasm)
//   node run.mjs out/logs.wasm guest.wasm              (guest.wasm: guest.wat assembled)
// The host builds a buffer with the module's builders, the guest reads it through imports.
import { readFileSync } from 'node:fs';

const [accessorsPath, guestPath] = process.argv.slice(2);
const memory = new WebAssembly.Memory({ initial: 4 });
const { instance: wxl } = await WebAssembly.instantiate(readFileSync(accessorsPath), { env: { memory } });
const { instance: guest } = await WebAssembly.instantiate(readFileSync(guestPath), { env: { memory }, wxl: wxl.exports });
const x = wxl.exports;
const bytes = new Uint8Array(memory.buffer);
const text = (s, at) => { const b = new TextEncoder().encode(s); bytes.set(b, at); return x['string.new'](at, b.length); };

// Build: strings, the Log records, the array, the root; then finish writes the header.
const SRC = 0x800, REGION = 0x1000, SCRATCH = 0x100;
x['build.begin'](REGION, 0x8000);
const logs = [];
for (const [user, code, size] of [['alice', 200, 1000n], ['bob', 404, 20n], ['anna', 200, 500n]]) {
  const dash = text('-', SRC);
  const userid = text(user, SRC);
  const date = text('17/Mar/1998:13:05:59 +0300', SRC);
  const request = text('GET /index.html HTTP/1.1', SRC);
  logs.push(x['Log.new'](192, 168, 0, 1, dash, userid, date, request, code, size));
}
new DataView(memory.buffer).setUint32(SRC, logs[0], true);
new DataView(memory.buffer).setUint32(SRC + 4, logs[1], true);
new DataView(memory.buffer).setUint32(SRC + 8, logs[2], true);
const array = x['ArrayOfLog.new'](SRC, logs.length);
const len = x['build.finish'](x['Logs.new'](array));

console.log('bytes with status 200:', String(guest.exports.bytes_with_code(REGION, len, SCRATCH, 200)));
console.log('users starting with "a":', guest.exports.users_starting_with(REGION, 'a'.charCodeAt(0)));
