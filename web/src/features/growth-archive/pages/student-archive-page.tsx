import { useNavigate, useParams } from 'react-router';
import { Button } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { PageHeader } from '../../../components/page-header.tsx';
import { NotFoundResult } from '../../../components/not-found-result.tsx';
import { GrowthArchivePanel } from '../components/growth-archive-panel.tsx';

/** /students/:id/archive — the growth archive on a page of its own (the student page embeds the same panel). */
export default function StudentArchivePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const studentId = Number(id);
  if (!Number.isInteger(studentId) || studentId <= 0) return <NotFoundResult />;
  return (
    <>
      <PageHeader
        title="资助成长档案"
        description="受助记录、发展活动、成长奖励、导师记录与成长目标"
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
            返回
          </Button>
        }
      />
      <GrowthArchivePanel studentId={studentId} />
    </>
  );
}
