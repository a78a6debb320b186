import type { AuditEventDto } from '../../../../contracts/audit.ts';
import type { AuditRow } from './audit.repository.ts';

export function presentAuditEvent(row: AuditRow): AuditEventDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor_user_id ? { id: row.actor_user_id, displayName: row.display_name ?? '', username: row.username ?? '' } : null,
    ip: row.ip,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: row.summary as AuditEventDto['summary'],
  };
}
