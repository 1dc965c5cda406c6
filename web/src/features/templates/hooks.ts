// Data of 消息模板 (Art. 18): every template key × channel with the version in use, the versions of
// one, saving a new version, and the server's preview of a draft with sample values.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../../src/modules/outbox/schema.js';
import { api } from '../../api/client';

export type MessageTemplate = Static<typeof S.TemplateSchema>;
export type TemplateChannel = MessageTemplate['channel'];
export type TemplateVersions = Static<typeof S.TemplateVersionsResponse>;
export type TemplateInput = Static<typeof S.TemplateBody>;
export type Preview = Static<typeof S.PreviewResponse>;

/** The channels in the server's order, with short names for tight places. */
export const TEMPLATE_CHANNELS: { value: TemplateChannel; label: string }[] = [
  { value: 'portal', label: '站内消息' },
  { value: 'email', label: '电子邮件' },
  { value: 'sms', label: '短信' },
];

const path = (key: string, channel: TemplateChannel) => `/api/message-templates/${encodeURIComponent(key)}/${encodeURIComponent(channel)}`;

export function useTemplates() {
  return useQuery({
    queryKey: ['message-templates'],
    queryFn: async () => (await api.get<{ items: MessageTemplate[] }>('/api/message-templates')).items,
  });
}

export function useTemplateVersions(t: { key: string; channel: TemplateChannel } | null) {
  return useQuery({
    queryKey: ['message-templates', t?.key, t?.channel, 'versions'],
    enabled: !!t,
    queryFn: () => api.get<TemplateVersions>(`${path(t!.key, t!.channel)}/versions`),
  });
}

export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, channel, body }: { key: string; channel: TemplateChannel; body: TemplateInput }) => api.post<MessageTemplate>(path(key, channel), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['message-templates'] }),
  });
}

export interface PreviewRequest {
  key: string;
  channel: TemplateChannel;
  subject?: string;
  body: string;
  params: Record<string, string>;
}

/**
 * The draft as the applicant would read it, rendered by the server (the same code that renders
 * messages). Asked again whenever the (already debounced) request changes; a refusal (422) is
 * the error, with the reasons naming the fields.
 */
export function usePreview(request: PreviewRequest | null) {
  return useQuery({
    queryKey: ['message-template-preview', request],
    enabled: !!request && request.body.trim() !== '',
    queryFn: () => {
      const r = request!;
      return api.post<Preview>(`${path(r.key, r.channel)}/preview`, {
        ...(r.subject !== undefined ? { subject: r.subject } : {}),
        body: r.body,
        params: r.params,
      });
    },
    placeholderData: keepPreviousData,
    retry: false,
  });
}
