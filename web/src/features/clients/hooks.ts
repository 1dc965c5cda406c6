// Data of 接入系统 (machine clients): the scoped list and its writes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../../src/modules/identity/clients-schema.js';
import { api } from '../../api/client';

export type MachineClient = Static<typeof S.MachineClientSchema>;
export type ClientList = Static<typeof S.ClientListResponse>;
export type CreateClientInput = Static<typeof S.CreateClientBody>;
export type ClientSecret = Static<typeof S.ClientSecretResponse>;

export function useMachineClients(orgId?: string) {
  return useQuery({ queryKey: ['machine-clients', orgId ?? null], queryFn: () => api.get<ClientList>('/api/machine-clients', { orgId }) });
}

function useClientWrite<T, R>(fn: (arg: T) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['machine-clients'] }) });
}

export const useCreateClient = () => useClientWrite((body: CreateClientInput) => api.post<ClientSecret>('/api/machine-clients', body));
export const useRotateSecret = () => useClientWrite((id: string) => api.post<ClientSecret>(`/api/machine-clients/${encodeURIComponent(id)}/rotate-secret`, {}));
export const useDisableClient = () => useClientWrite((id: string) => api.post<MachineClient>(`/api/machine-clients/${encodeURIComponent(id)}/disable`, {}));
