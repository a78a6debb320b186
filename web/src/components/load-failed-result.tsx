import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { errorMessage, isApiError } from '../lib/api-client.ts';

/** A record page whose record could not be loaded: 404 or 403 with the server's reason, and a way back. */
export function LoadFailedResult({
  error,
  title,
  backTo,
  backLabel,
}: {
  error: unknown;
  title: string;
  backTo: string;
  backLabel: string;
}) {
  const navigate = useNavigate();
  return (
    <Result
      status={isApiError(error) && error.status === 404 ? '404' : '403'}
      title={title}
      subTitle={errorMessage(error)}
      extra={<Button onClick={() => void navigate(backTo)}>{backLabel}</Button>}
    />
  );
}
