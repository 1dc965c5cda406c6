// Data of 用户管理: the scoped, keyset-paged account list and the writes on it.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../../src/modules/identity/users-schema.js';
import { api } from '../../api/client';

export type StaffUser = Static<typeof S.UserSchema>;
export type UserPage = Static<typeof S.UserListResponse>;
export type CreateUserInput = Static<typeof S.CreateUserBody>;
export type PatchUserInput = Static<typeof S.PatchUserBody>;
export type UserWithPassword = Static<typeof S.UserWithPasswordSchema>;

export interface UserFilter {
  q?: string;
  orgId?: string;
  role?: string;
  active?: boolean;
}

const PAGE = 50;

export function useUsers(filter: UserFilter) {
  return useInfiniteQuery({
    queryKey: ['users', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<UserPage>('/api/users', { ...filter, limit: PAGE, after: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserInput) => api.post<UserWithPassword>('/api/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function usePatchUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PatchUserInput }) => api.patch<StaffUser>(`/api/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<UserWithPassword>(`/api/users/${encodeURIComponent(id)}/reset-password`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}
