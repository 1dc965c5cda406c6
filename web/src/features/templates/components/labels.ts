import type { TemplateChannel } from '../hooks';

const CHANNEL_TITLES: Record<TemplateChannel, string> = { portal: '站内消息', email: '电子邮件', sms: '短信' };

export const channelTitle = (c: TemplateChannel): string => CHANNEL_TITLES[c] ?? c;
