import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, randomBytes, toBase64 } from "../crypto/sodium";
import { calibrate, checkParams, KDF_CEILING, KDF_FLOOR, kdfParamsSchema, type KdfCost } from "./kdf";

const MiB = 1024 * 1024;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

/** A fake machine: one derivation costs `secondsPerPassGiB` per pass per GiB. */
const fakeMachine = (secondsPerPassGiB: number) => {
  const seen: KdfCost[] = [];
  const measure = (cost: KdfCost) => {
    seen.push(cost);
    return (cost.opsLimit * cost.memLimitBytes * secondsPerPassGiB) / (1024 * MiB);
  };
  return { measure, seen };
};

describe("calibrate", () => {
  it("starts at the floor and stops there on a slow machine", () => {
    const machine = fakeMachine(4); // floor: 3 × 1/16 GiB × 4 = 0.75 s
    expect(calibrate(machine.measure)).toEqual({ ...KDF_FLOOR, seconds: 0.75, measurements: 1 });
  });

  it("raises memory first, doubling, until the target", () => {
    const machine = fakeMachine(0.5); // 3 passes: 64 MiB 0.09 s … 512 MiB 0.75 s
    const result = calibrate(machine.measure);
    expect(machine.seen.map((c) => c.memLimitBytes / MiB)).toEqual([64, 128, 256, 512]);
    expect(result).toMatchObject({ opsLimit: 3, memLimitBytes: 512 * MiB, measurements: 4 });
    expect(result.seconds).toBeGreaterThanOrEqual(0.5);
    expect(result.seconds).toBeLessThanOrEqual(1);
  });

  it("then raises passes at the memory ceiling, landing in the target window", () => {
    const machine = fakeMachine(0.05); // 1 GiB × 3 passes = 0.15 s
    const result = calibrate(machine.measure);
    expect(result.memLimitBytes).toBe(KDF_CEILING.memLimitBytes);
    expect(result.opsLimit).toBeGreaterThan(3);
    expect(result.seconds).toBeGreaterThanOrEqual(0.5);
    expect(result.seconds).toBeLessThanOrEqual(1);
  });

  it("stops at the ceiling on an absurdly fast machine", () => {
    const result = calibrate(fakeMachine(1e-6).measure);
    expect(result).toMatchObject(KDF_CEILING);
  });
});

describe("checkParams", () => {
  const params = (cost: KdfCost) => kdfParamsSchema.parse({ algorithm: "argon2id13", ...cost, salt: toBase64(randomBytes(16)) });

  it("accepts the floor", () => {
    expect(checkParams(params(KDF_FLOOR)).ok).toBe(true);
  });

  it.each([
    { opsLimit: 2, memLimitBytes: 64 * MiB },
    { opsLimit: 3, memLimitBytes: 64 * MiB - 1024 },
    { opsLimit: 1, memLimitBytes: 8 * MiB },
  ])("refuses $opsLimit passes over $memLimitBytes bytes as below the floor", (cost) => {
    expect(checkParams(params(cost))).toEqual({ ok: false, error: { kind: "kdf-below-floor", ...cost } });
  });

  it("refuses a cost beyond the ceiling", () => {
    expect(checkParams(params({ opsLimit: 3, memLimitBytes: 4096 * MiB }))).toMatchObject({ ok: false, error: { kind: "kdf-above-ceiling" } });
  });

  it("parses only well-formed parameters", () => {
    const good = params(KDF_FLOOR);
    expect(kdfParamsSchema.safeParse({ ...good, algorithm: "argon2i13" }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ ...good, salt: toBase64(randomBytes(8)) }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ ...good, opsLimit: 3.5 }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
  });
});
