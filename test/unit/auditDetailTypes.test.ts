/**
 * The audit log takes a detail only when every key in it, at any depth, is listed in
 * shared/auditDetails.ts (and so labelled for the secretariat in six languages). That is a type:
 * `npm run typecheck` (`tsc -p test` for this file) refuses each call marked `@ts-expect-error`
 * below, and would fail on the mark itself if the call were accepted. The calls are never run.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { AuditLog } from '../../server/src/audit/auditLog.ts';
import type { ListedDetail } from '../../shared/auditDetails.ts';

const entry = { actorId: null, action: 'meeting.update', subject: 'meeting:m1' } as const;

/** `{}`: any object (any non-nullish value), whose keys nobody can list; the type the rule must refuse. */
// biome-ignore lint/complexity/noBannedTypes: the loose type under test
type Empty = {};

/** The calls the typecheck judges; a function never called, so that nothing is written. */
function writes(log: AuditLog, loose: Record<string, unknown>, anything: unknown, keyless: object, empty: Empty): void {
  void log.record({ ...entry, detail: { meetingId: 'm1', changes: { title: 'A', visibility: 'public' } } });
  void log.record({ ...entry, detail: { ids: ['a'], from: [{ start: 1, end: 2 }], tally: { anyOptionId: 3 } } });
  void log.record(entry);
  // @ts-expect-error `notListed` is not in AUDIT_DETAIL_FIELDS
  void log.record({ ...entry, detail: { meetingId: 'm1', notListed: true } });
  // @ts-expect-error an unlisted key in a changed-field object, deeper down
  void log.record({ ...entry, detail: { changes: { title: 'A', secretTitle: 'B' } } });
  // @ts-expect-error an unlisted key in an array's items
  void log.record({ ...entry, detail: { from: [{ start: 1, notListed: 2 }] } });
  const changes: { title?: string; notListed?: string } = {};
  // @ts-expect-error a typed changed-field object with an unlisted field
  void log.record({ ...entry, detail: { changes } });
  // @ts-expect-error a loosely typed detail: its keys cannot be listed
  void log.record({ ...entry, detail: loose });
  // @ts-expect-error a loosely typed value inside a detail
  void log.record({ ...entry, detail: { changes: anything } });
  // @ts-expect-error a detail typed `object`: no key of it is known, so any key may be in it
  void log.record({ ...entry, detail: keyless });
  // @ts-expect-error a detail typed `{}`, likewise (an empty detail is written by leaving it out)
  void log.record({ ...entry, detail: empty });
  // @ts-expect-error a value typed `object` inside a detail
  void log.record({ ...entry, detail: { changes: keyless } });
  // A loose type given as the type argument does not lift the rule: the detail is judged against it.
  // @ts-expect-error an index signature as the type argument
  void log.record<Record<string, unknown>>({ ...entry, detail: { notListed: 1 } });
  // @ts-expect-error `object` as the type argument
  void log.record<object>({ ...entry, detail: { notListed: 1 } });
  // @ts-expect-error `{}` as the type argument
  void log.record<Empty>({ ...entry, detail: loose });
  // @ts-expect-error `any` as the type argument
  void log.record<any>({ ...entry, detail: { notListed: 1 } });
}

describe('an audit entry’s detail type', () => {
  it('is judged at each call to the audit log by the typecheck', () => {
    expectTypeOf(writes).parameter(0).toEqualTypeOf<AuditLog>();
  });

  it('keeps a detail whose keys are all listed, at any depth, as it is', () => {
    type Detail = { meetingId: string; changes: { title?: string }; ids: string[] };
    expectTypeOf<ListedDetail<Detail>>().toEqualTypeOf<{
      meetingId: string;
      changes: { title?: string };
      ids: readonly string[];
    }>();
  });

  it('turns an unlisted key, at any depth, into never', () => {
    expectTypeOf<ListedDetail<{ changes: { notListed: string } }>['changes']['notListed']>().toBeNever();
    expectTypeOf<ListedDetail<Record<string, unknown>>>().toBeNever();
    expectTypeOf<ListedDetail<object>>().toBeNever();
    expectTypeOf<ListedDetail<{ changes: object }>['changes']>().toBeNever();
  });
});
