import type { FormInstance } from 'antd';
import { ApiError } from '../../../api/client';

/**
 * Puts the server's reasons (invalidParams named body.question …) on the form fields they name;
 * true when at least one landed on a field (otherwise the caller shows the message itself).
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const found = error.invalidParams
    .map((p) => ({ name: p.name.replace(/^body\./, '').split('.')[0], errors: [p.reason] }))
    .filter((f) => fields.includes(f.name));
  form.setFields(found);
  return found.length > 0;
}
