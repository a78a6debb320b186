import { Button, Tooltip, type ButtonProps } from 'antd';
import { messageFor } from '../../../contracts/reasons.ts';
import type { Ability } from '../../../contracts/submissions.ts';

/** A button the server's abilities enable; when refused, the tooltip says why (and what to do). */
export function AbilityButton({ ability, ...props }: ButtonProps & { ability: Ability | undefined }) {
  const allowed = ability?.allowed ?? false;
  const button = <Button {...props} disabled={props.disabled || !allowed} />;
  if (allowed || !ability?.whyNot) return button;
  return (
    <Tooltip title={messageFor(ability.whyNot)}>
      {/* A disabled button swallows hover: the span carries the tooltip. */}
      <span style={{ display: 'inline-block' }} data-whynot={ability.whyNot}>
        {button}
      </span>
    </Tooltip>
  );
}
