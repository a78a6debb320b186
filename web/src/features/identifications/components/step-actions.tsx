import { Flex } from 'antd';
import type { IdentificationDto } from '../../../../../contracts/identifications.ts';
import type { ReasonCode } from '../../../../../contracts/reasons.ts';
import type { Ability } from '../../../../../contracts/submissions.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import type { StepKind } from './step-modal.tsx';

/** Refusals that say what to do next (shown on a disabled button); others only mean "not your step" (the button is left out). */
const telling: ReasonCode[] = ['home_visit_required', 'appraisal_missing'];

export function stepButtons(
  item: IdentificationDto,
): { kind: StepKind; label: string; ability: Ability; primary?: boolean; danger?: boolean }[] {
  const a = item.abilities;
  return [
    ...(!item.hasCompletedVisit ? [{ kind: 'link' as const, label: '关联家访', ability: a.linkVisit }] : []),
    { kind: 'appraise', label: item.appraisal ? '修改评议' : '民主评议', ability: a.appraise, primary: !item.appraisal },
    { kind: 'propose', label: '拟定等级', ability: a.propose, primary: true },
    { kind: 'reject', label: '不予认定', ability: a.reject, danger: true },
    { kind: 'confirm', label: '复核确认', ability: a.confirm, primary: true },
    { kind: 'return', label: '退回单位', ability: a.return, danger: true },
    { kind: 'adjust', label: '调整等级', ability: a.adjust },
  ];
}

/** The steps this user can take on one identification (and the approval, disabled with its reason, when a rule holds it back). */
export function StepActions({
  item,
  onStep,
  size = 'small',
}: {
  item: IdentificationDto;
  onStep: (kind: StepKind) => void;
  size?: 'small' | 'middle';
}) {
  const shown = stepButtons(item).filter((b) => b.ability.allowed || (b.ability.whyNot !== null && telling.includes(b.ability.whyNot)));
  if (shown.length === 0) return null;
  return (
    <Flex wrap gap={6}>
      {shown.map((b) => (
        <AbilityButton
          key={b.kind}
          size={size}
          ability={b.ability}
          type={b.primary ? 'primary' : 'default'}
          danger={b.danger}
          onClick={() => onStep(b.kind)}
          data-step={b.kind}
        >
          {b.label}
        </AbilityButton>
      ))}
    </Flex>
  );
}
