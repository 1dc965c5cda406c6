// 咨询转申请 on the window-application page (窗口收件): the consultations page opens
// /cases/new?consultation=<id>&implementationId=<id>; the item comes preselected and, once the case
// exists, the consultation is linked to it (POST /api/consultations/:id/link). All of it lives here so
// that NewCasePage needs only a few lines.
import { useSearchParams } from 'react-router-dom';
import { Alert, App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../api/client';
import { linkConsultation } from './hooks';

export function useConsultationHandoff() {
  const [params] = useSearchParams();
  const consultationId = params.get('consultation') || null;
  const implementationId = params.get('implementationId') || undefined;
  const qc = useQueryClient();
  const { message } = App.useApp();

  /** Called once the case is created; never throws (the case exists either way). */
  const afterCreate = async (c: { id: string; caseNumber: string }) => {
    if (!consultationId) return;
    try {
      await linkConsultation(consultationId, c.id);
      message.success(`已将咨询关联到办件 ${c.caseNumber}`);
    } catch (e) {
      // The application was received: say plainly that only the link failed, and why.
      message.warning(`办件 ${c.caseNumber} 已收件，但未能关联咨询记录：${describeError(e)}`, 8);
    } finally {
      void qc.invalidateQueries({ queryKey: ['consultations'] });
    }
  };

  const notice = consultationId ? (
    <Alert type="info" showIcon title="由咨询转为申请" description="提交后，本办件将自动关联到该咨询记录，可在“咨询登记”中查看。" />
  ) : null;

  return { implementationId, afterCreate, notice };
}
