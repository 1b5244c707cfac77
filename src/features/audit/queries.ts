/**
 * Reading the audit log for the admin page: newest first, filtered by action, actor and dates,
 * paged by sequence number. Actor and subject emails are joined from users, never stored in it.
 */
import { and, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { auditLog, users } from '../../db/schema.ts';
import type { AuditFilter } from './schema.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  seq: number;
  occurredAt: Date;
  action: string;
  actorEmail: string | null;
  subjectType: string | null;
  subjectEmail: string | null;
  details: Record<string, unknown>;
}

export async function listAuditEntries(
  db: Db,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; nextBefore: number | null; actorUnknown: boolean }> {
  const where: (SQL | undefined)[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor === 'system') where.push(isNull(auditLog.actorId));
  else if (filter.actor) {
    const [actor] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${filter.actor.toLowerCase()}`);
    if (!actor) return { rows: [], nextBefore: null, actorUnknown: true };
    where.push(eq(auditLog.actorId, actor.id));
  }
  if (filter.from) where.push(gte(auditLog.occurredAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) {
    const end = new Date(`${filter.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    where.push(lt(auditLog.occurredAt, end));
  }
  if (filter.before) where.push(lt(auditLog.seq, filter.before));
  const actor = alias(users, 'actor');
  const subject = alias(users, 'subject');
  const rows = await db
    .select({
      seq: auditLog.seq,
      occurredAt: auditLog.occurredAt,
      action: auditLog.action,
      actorEmail: actor.email,
      subjectType: auditLog.subjectType,
      subjectEmail: subject.email,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(
      subject,
      and(eq(auditLog.subjectType, 'user'), sql`${subject.id}::text = ${auditLog.subjectId}`),
    )
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(AUDIT_PAGE_SIZE + 1);
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({
    ...r,
    details: (r.details ?? {}) as Record<string, unknown>,
  }));
  return { rows: page, nextBefore: more ? page[page.length - 1]!.seq : null, actorUnknown: false };
}
