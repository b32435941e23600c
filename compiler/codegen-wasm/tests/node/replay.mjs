// Replays the sessions recorded by the Rust tests (tests/common/mod.rs) in Node 22: the
// generated module over a WebAssembly.Memory, the same writes, calls, reads and traps, and
// demands the same results wasmtime gave. Usage: node replay.mjs sessions.json
import { readFileSync } from 'node:fs';

const sessions = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const view = new DataView(new ArrayBuffer(8));
const f32FromBits = (bits) => { view.setUint32(0, Number(bits) >>> 0, true); return view.getFloat32(0, true); };
const f64FromBits = (bits) => { view.setBigUint64(0, BigInt(bits), true); return view.getFloat64(0, true); };
const f32Bits = (x) => { view.setFloat32(0, x, true); return view.getUint32(0, true); };
const f64Bits = (x) => { view.setFloat64(0, x, true); return view.getBigUint64(0, true); };

function argument([type, value], slots) {
  switch (type) {
    case 'i32': return Number(value) | 0;
    case 'i64': return BigInt(value);
    case 'f32': return f32FromBits(value);
    case 'f64': return f64FromBits(value);
    case 'ref': return slots.get(value);
    case 'null': return null;
    default: throw new Error(`unknown value type ${type}`);
  }
}

function same([type, value], got) {
  switch (type) {
    case 'i32': return typeof got === 'number' && (got | 0) === (Number(value) | 0);
    case 'i64': return typeof got === 'bigint' && BigInt.asIntN(64, got) === BigInt(value);
    case 'f32': return typeof got === 'number' && f32Bits(got) === (Number(value) >>> 0);
    case 'f64': return typeof got === 'number' && f64Bits(got) === BigInt(value);
    case 'null': return got === null;
    default: return false;
  }
}

let failures = 0;
let steps = 0;
for (const session of sessions) {
  const memory = new WebAssembly.Memory({ initial: session.pages });
  const module = await WebAssembly.compile(Buffer.from(session.module, 'hex'));
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  let guest = null;
  if (session.guest) {
    const guestModule = await WebAssembly.compile(Buffer.from(session.guest, 'hex'));
    guest = await WebAssembly.instantiate(guestModule, { env: { memory }, wxl: instance.exports });
  }
  const slots = new Map();
  const exported = (name) => {
    const f = name.startsWith('guest.') ? guest.exports[name.slice(6)] : instance.exports[name];
    if (typeof f !== 'function') throw new Error(`no export ${name}`);
    return f;
  };
  const fail = (index, step, message) => {
    failures += 1;
    if (failures <= 20) {
      console.error(`[${session.label}] step ${index} ${step.op} ${step.fn ?? ''}(${JSON.stringify(step.args ?? [])}): ${message}`);
    }
  };
  for (const [index, step] of session.steps.entries()) {
    steps += 1;
    try {
      switch (step.op) {
        case 'write': {
          const bytes = Buffer.from(step.hex, 'hex');
          new Uint8Array(memory.buffer, step.addr, bytes.length).set(bytes);
          break;
        }
        case 'f32mod': {
          const data = new DataView(memory.buffer);
          for (let i = 0; i < step.count; i++) data.setFloat32(step.addr + 4 * i, i % step.modulus, true);
          break;
        }
        case 'read': {
          const expected = step.hex;
          const got = Buffer.from(new Uint8Array(memory.buffer, step.addr, expected.length / 2)).toString('hex');
          if (got !== expected) fail(index, step, `memory ${got} != ${expected}`);
          break;
        }
        case 'call': {
          const result = exported(step.fn)(...step.args.map((a) => argument(a, slots)));
          const results = step.expect.length === 1 ? [result] : step.expect.length === 0 ? [] : result;
          if (step.expect.length === 0 && result !== undefined) fail(index, step, `returned ${result}`);
          for (const [i, expected] of step.expect.entries()) {
            if (!same(expected, results[i])) fail(index, step, `result ${i}: ${String(results[i])} != ${JSON.stringify(expected)}`);
          }
          break;
        }
        case 'save': {
          const result = exported(step.fn)(...step.args.map((a) => argument(a, slots)));
          if (result === null || result === undefined) fail(index, step, 'no reference returned');
          slots.set(step.slot, result);
          break;
        }
        case 'trap': {
          let trapped = false;
          try {
            exported(step.fn)(...step.args.map((a) => argument(a, slots)));
          } catch (error) {
            trapped = error instanceof WebAssembly.RuntimeError;
            if (!trapped) throw error;
          }
          if (!trapped) fail(index, step, 'did not trap');
          break;
        }
        default:
          fail(index, step, 'unknown step');
      }
    } catch (error) {
      fail(index, step, `threw ${error}`);
    }
  }
}
console.log(`node ${process.version}: ${sessions.length} sessions, ${steps} steps, ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
