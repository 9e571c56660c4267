// The residents' satisfaction survey through HTTP, with no account: an answer is kept against its grid and
// month with the phone only as its keyed hash; the same phone answering again for the grid in the month
// replaces its answer; a phone that is not a mainland mobile is refused naming the field; and the grid's
// worker's month sheet counts the answers with the case ratings — the plain mean of all of them.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let worker: { username: string; gridId: string; gridCode: string; centre: { lng: number; lat: number } };
const PHONE = '13912345678';
const OTHER = '+86 139-8765-4321';

const answer = (payload: Record<string, unknown>) =>
  h.app.inject({ method: 'POST', url: '/api/v1/portal/survey', payload });

async function residentsOfSheet() {
  const cookie = await h.login(worker.username);
  const response = await h.app.inject({
    method: 'GET',
    url: '/api/v1/field/assessments/mine?month=2026-04',
    headers: { cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json();
  return { residents: body.residents, parts: body.parts };
}

let before: { count: number; mean: number | null };

beforeAll(async () => {
  h = await createHarness();
  // a grid with exactly one worker, so the survey of that grid is that worker's
  const { rows } = await sql<{ username: string; grid_id: string; code: string; lng: number; lat: number }>`
    select min(u.username) as username, o.id::text as grid_id, o.code, o.centre_lng as lng, o.centre_lat as lat
    from app_user u join org_unit o on o.id = u.scope_id
    where u.role = 'grid-worker' and o.level = 'grid'
      and not exists (select 1 from field_worker_grid fg where fg.user_id = u.id)
    group by o.id, o.code, o.centre_lng, o.centre_lat having count(*) = 1
    order by o.code limit 1`.execute(h.ctx.db);
  const row = rows[0]!;
  worker = {
    username: row.username,
    gridId: row.grid_id,
    gridCode: row.code,
    centre: { lng: row.lng, lat: row.lat },
  };
  h.clock.now = new Date('2026-04-15T10:00:00+08:00');
  before = (await residentsOfSheet()).residents;
});

afterAll(async () => {
  await h?.close();
});

describe('satisfaction survey', () => {
  it('keeps an answer against the grid and month, the phone only as its keyed hash', async () => {
    const response = await answer({
      gridCode: worker.gridCode,
      phone: PHONE,
      rating: 2,
      comment: '路灯常坏',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      month: '2026-04',
      rating: 2,
      isReplacement: false,
    });
    const rows = await h.ctx.db.selectFrom('satisfaction_survey_response').selectAll().execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ grid_id: worker.gridId, month: '2026-04', rating: 2, comment: '路灯常坏' });
    expect(row.respondent_hash.equals(h.ctx.crypto.keyedHash(PHONE))).toBe(true);
    const stored = JSON.stringify(row) + row.respondent_hash.toString('latin1');
    expect(stored).not.toContain(PHONE);
    expect(stored).not.toContain('5678');
  });

  it('replaces the answer when the same phone answers again for the grid in the month', async () => {
    // the same number written differently is the same phone
    // (and the grid named by a point in it, as the portal's map sends it)
    const again = await answer({ location: worker.centre, phone: `+86 ${PHONE}`, rating: 4 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ rating: 4, isReplacement: true });
    const rows = await h.ctx.db.selectFrom('satisfaction_survey_response').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 4, comment: null });
    expect((await answer({ gridCode: worker.gridCode, phone: OTHER, rating: 5 })).statusCode).toBe(200);
    expect(await h.ctx.db.selectFrom('satisfaction_survey_response').selectAll().execute()).toHaveLength(2);
  });

  it('refuses a phone that is not a mainland mobile, naming the field, and an unknown grid', async () => {
    const bad = await answer({ gridCode: worker.gridCode, phone: '12345', rating: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'phone' });
    expect(bad.json().error.message).toContain('手机号');
    const english = await h.app.inject({
      method: 'POST',
      url: '/api/v1/portal/survey',
      headers: { 'accept-language': 'en' },
      payload: { gridCode: worker.gridCode, phone: '02012345678', rating: 3 },
    });
    expect(english.json().error).toMatchObject({ field: 'phone' });
    expect(english.json().error.message).toContain('mobile');
    const unknown = await answer({ gridCode: 'NO-SUCH-GRID', phone: PHONE, rating: 3 });
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_GRID', field: 'gridCode' });
    expect(await h.ctx.db.selectFrom('satisfaction_survey_response').selectAll().execute()).toHaveLength(2);
  });

  it("counts the grid's answers in its worker's residents' rating: the mean of all ratings", async () => {
    const { residents, parts } = await residentsOfSheet();
    // the survey holds 4 and 5 (the replaced 2 is gone); every rating counts once with the case ratings
    const sum = (before.mean ?? 0) * before.count + 4 + 5;
    const mean = sum / (before.count + 2);
    expect(residents.count).toBe(before.count + 2);
    expect(residents.mean).toBeCloseTo(mean, 9);
    expect(parts.residents).toBeCloseTo((100 * (mean - 1)) / 4, 6);
    if (before.count === 0) expect(parts.residents).toBeCloseTo(87.5, 6); // (4 + 5) / 2 = 4.5 → 87.5
  });
});
