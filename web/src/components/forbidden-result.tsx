import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { t } from '../locales/zh-CN.ts';

export function ForbiddenResult() {
  return (
    <Result
      status="403"
      title={t.forbidden.title}
      subTitle={t.forbidden.subtitle}
      extra={
        <Link to="/">
          <Button type="primary">{t.backHome}</Button>
        </Link>
      }
    />
  );
}

export default ForbiddenResult;
