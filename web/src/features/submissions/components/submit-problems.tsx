import { Alert, Typography } from 'antd';
import type { SubmitProblem } from '../../../../../contracts/submissions.ts';
import { isApiError } from '../../../lib/api-client.ts';

/** The submit check's findings from an error's details.problems (empty when it carried none). */
export function problemsOf(error: unknown): SubmitProblem[] {
  if (!isApiError(error)) return [];
  const list = error.details.problems;
  return Array.isArray(list) ? (list as SubmitProblem[]).filter((p) => p && typeof p.message === 'string') : [];
}

/** Everything that still stands in the way, at once, so the user can fix it all in one go. */
export function ProblemList({ problems, title }: { problems: SubmitProblem[]; title?: string }) {
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="submit-problems"
      title={title ?? `提交前还需处理 ${problems.length} 项`}
      description={
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {problems.map((p, i) => (
            <li key={`${p.code}-${p.field ?? ''}-${i}`}>
              <Typography.Text>{p.message}</Typography.Text>
            </li>
          ))}
        </ol>
      }
    />
  );
}
