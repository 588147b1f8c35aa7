/**
 * `bastei bench-data`: a synthetic national data set for the overview benchmarks: 16 Länder,
 * about 400 districts and (by default) 10,953 Kommunen, each with a Bastei-Basis assessment of
 * 257 answers. Keys are ARS-shaped but start with 9 (real Länder are 01–16), so they never
 * collide with imported real ones: Land 9LL000000000, district 9LLKK0000000, Kommune
 * 9LLKKNNNN000. Runs once; a second run finds the 9… keys and refuses. One transaction: a
 * failed run leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import { systemContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import type { NewOrganisation } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { BASELINE_KEY } from '../catalogs/baseline-oscal.ts';
import { installBaseline } from '../catalogs/service.ts';
import { insertGeneratedAssessments, prng, seedOf } from '../demo/assessments.ts';

/** Gemeinden and Kreise per Land (rounded register figures), used only as weights. */
const LAENDER: readonly { code: string; gemeinden: number; kreise: number }[] = [
  { code: '01', gemeinden: 1104, kreise: 15 },
  { code: '02', gemeinden: 1, kreise: 1 },
  { code: '03', gemeinden: 942, kreise: 45 },
  { code: '04', gemeinden: 2, kreise: 2 },
  { code: '05', gemeinden: 396, kreise: 53 },
  { code: '06', gemeinden: 421, kreise: 26 },
  { code: '07', gemeinden: 2301, kreise: 36 },
  { code: '08', gemeinden: 1101, kreise: 44 },
  { code: '09', gemeinden: 2056, kreise: 96 },
  { code: '10', gemeinden: 52, kreise: 6 },
  { code: '11', gemeinden: 1, kreise: 1 },
  { code: '12', gemeinden: 411, kreise: 18 },
  { code: '13', gemeinden: 725, kreise: 8 },
  { code: '14', gemeinden: 418, kreise: 13 },
  { code: '15', gemeinden: 218, kreise: 14 },
  { code: '16', gemeinden: 605, kreise: 22 },
];

export const BENCH_ARS_PREFIX = '9';
export const DEFAULT_BENCH_MUNICIPALITIES = 10_953;

export interface BenchDataOptions {
  municipalities: number;
  seed: string;
  onProgress?: (message: string) => void;
}

export interface BenchDataResult {
  states: number;
  districts: number;
  municipalities: number;
  assessments: number;
  answers: number;
  seconds: number;
}

/** Splits `total` by `weights` (largest remainder), every share at least `minimum`. */
function apportion(total: number, weights: readonly number[], minimum: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => Math.max(minimum, (total * w) / sum));
  const shares = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  let rest = total - shares.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (rest <= 0) break;
    shares[i]!++;
    rest--;
  }
  return shares;
}

export async function generateBenchData(db: Db, options: BenchDataOptions): Promise<BenchDataResult> {
  const started = performance.now();
  const n = options.municipalities;
  if (!Number.isInteger(n) || n < 16 || n > 99_000) {
    throw new AppError('validation-failed', {
      detail: '--municipalities muss eine ganze Zahl zwischen 16 und 99000 sein.',
    });
  }
  const present = await db
    .selectFrom('organisations')
    .select('id')
    .where('ars', 'like', `${BENCH_ARS_PREFIX}%`)
    .limit(1)
    .executeTakeFirst();
  if (present) {
    throw new AppError('conflict', {
      detail:
        'Benchmark-Daten sind bereits vorhanden (Schlüssel 9…); bench-data läuft nur einmal je Datenbank.',
    });
  }
  const ctx = systemContext(db, 'bench-data');
  await installBaseline(ctx);
  const catalog = await db
    .selectFrom('catalogs')
    .select(['id', 'title', 'requirement_count'])
    .where('key', '=', BASELINE_KEY)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const random = prng(seedOf(`bench:${options.seed}`));
  // Population: log-normal around 2,000 inhabitants, as most German Gemeinden are small.
  const population = () => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.min(600_000, Math.max(50, Math.round(Math.exp(7.6 + 1.3 * normal))));
  };
  const perLand = apportion(
    n,
    LAENDER.map((l) => l.gemeinden),
    1,
  );

  return db.transaction().execute(async (trx) => {
    let federal = await trx
      .selectFrom('organisations')
      .select('id')
      .where('type', '=', 'federal')
      .executeTakeFirst();
    if (!federal) {
      federal = await trx
        .insertInto('organisations')
        .values({
          type: 'federal',
          subtype: 'Bundesbehörde',
          ars: null,
          name: 'Bund (Benchmark-Daten)',
          short_name: 'Bund',
          parent_id: null,
          ancestor_ids: [],
          population: null,
          area_ha: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    }
    const organisations: NewOrganisation[] = [];
    const kommunen: { organisationId: string; ars: string; large: boolean; seed: string }[] = [];
    let districtCount = 0;
    LAENDER.forEach((land, index) => {
      const stateId = randomUUID();
      const stateArs = `${BENCH_ARS_PREFIX}${land.code}000000000`;
      organisations.push({
        id: stateId,
        type: 'state',
        subtype: 'Land',
        ars: stateArs,
        name: `Testland ${land.code}`,
        short_name: `Testland ${land.code}`,
        parent_id: federal.id,
        ancestor_ids: [federal.id],
        population: null,
        area_ha: null,
      });
      const municipalities = perLand[index]!;
      const districts = Math.min(land.kreise, municipalities);
      const perDistrict = apportion(
        municipalities,
        Array.from({ length: districts }, () => 0.5 + random()),
        1,
      );
      perDistrict.forEach((count, d) => {
        const districtId = randomUUID();
        const dd = String(d + 1).padStart(2, '0');
        const city = random() < 0.25;
        districtCount++;
        organisations.push({
          id: districtId,
          type: 'district',
          subtype: city ? 'Kreisfreie Stadt' : 'Landkreis',
          ars: `${BENCH_ARS_PREFIX}${land.code}${dd}0000000`,
          name: `Test${city ? 'stadt' : 'kreis'} ${land.code}-${dd}`,
          short_name: `${land.code}-${dd}`,
          parent_id: stateId,
          ancestor_ids: [federal.id, stateId],
          population: city
            ? 100_000 + Math.round(400_000 * random())
            : 80_000 + Math.round(200_000 * random()),
          area_ha: null,
        });
        for (let m = 1; m <= count; m++) {
          const id = randomUUID();
          const ars = `${BENCH_ARS_PREFIX}${land.code}${dd}${String(m).padStart(4, '0')}000`;
          const inhabitants = population();
          const kind = random();
          organisations.push({
            id,
            type: 'municipality',
            subtype: kind < 0.08 ? 'Verbandsgemeinde' : inhabitants > 20_000 ? 'Stadt' : 'Gemeinde',
            ars,
            name: `Testgemeinde ${land.code}-${dd}-${String(m).padStart(4, '0')}`,
            short_name: `${land.code}-${dd}-${m}`,
            parent_id: districtId,
            ancestor_ids: [federal.id, stateId, districtId],
            population: inhabitants,
            area_ha: null,
          });
          kommunen.push({
            organisationId: id,
            ars,
            large: inhabitants > 50_000,
            seed: `${options.seed}:${ars}`,
          });
        }
      });
    });
    for (let i = 0; i < organisations.length; i += 1_000) {
      await trx
        .insertInto('organisations')
        .values(organisations.slice(i, i + 1_000))
        .execute();
    }
    options.onProgress?.(
      `${organisations.length} Organisationen angelegt; Bewertungen und Antworten folgen (${kommunen.length} Kommunen) …`,
    );
    const assessments = await insertGeneratedAssessments(
      trx,
      { id: catalog.id, title: catalog.title, requirementCount: catalog.requirement_count },
      kommunen,
      new Date(),
      false,
      (done, of) => options.onProgress?.(`  ${done} / ${of} Bewertungen`),
    );
    const answers = assessments.length * catalog.requirement_count;
    const result: BenchDataResult = {
      states: LAENDER.length,
      districts: districtCount,
      municipalities: kommunen.length,
      assessments: assessments.length,
      answers,
      seconds: 0,
    };
    await recordAudit(ctx, trx, {
      action: 'bench.data.generate',
      resourceType: 'organisation',
      resourceId: federal.id,
      organisationId: federal.id,
      after: { seed: options.seed, ...result },
    });
    // Fresh statistics: the planner should see the new size before the first overview query.
    for (const table of ['organisations', 'assessments', 'assessment_answers']) {
      await sql`analyze ${sql.table(table)}`.execute(trx);
    }
    return { ...result, seconds: Math.round((performance.now() - started) / 100) / 10 };
  });
}
