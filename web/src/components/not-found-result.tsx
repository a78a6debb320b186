import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { t } from '../locales/zh-CN.ts';

export function NotFoundResult() {
  return (
    <Result
      status="404"
      title={t.notFound.title}
      subTitle={t.notFound.subtitle}
      extra={
        <Link to="/">
          <Button type="primary">{t.backHome}</Button>
        </Link>
      }
    />
  );
}

export default NotFoundResult;
