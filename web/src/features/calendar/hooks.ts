// Data of 工作日历: the years with holiday data, one year's arrangement, and an administrator's
// correction or addition of a year (PUT replaces the year as a whole).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../../src/modules/calendar/schema.js';
import { api } from '../../api/client';

export type YearSummary = Static<typeof S.YearListResponse>['items'][number];
export type HolidayYear = Static<typeof S.YearResponse>;
export type HolidayYearInput = Static<typeof S.YearBody>;

export function useHolidayYears() {
  return useQuery({
    queryKey: ['calendar-years'],
    queryFn: async () => (await api.get<{ items: YearSummary[] }>('/api/calendar/years')).items,
  });
}

/** One year's arrangement; a year without data answers 404, which the editor reads as “new”. */
export function useHolidayYear(year: number | null) {
  return useQuery({
    queryKey: ['calendar-years', year],
    enabled: year !== null,
    queryFn: () => api.get<HolidayYear>(`/api/calendar/years/${year}`),
  });
}

export function useSaveHolidayYear(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HolidayYearInput) => api.put<HolidayYear>(`/api/calendar/years/${year}`, body),
    onSuccess: (saved) => {
      qc.setQueryData(['calendar-years', year], saved);
      void qc.invalidateQueries({ queryKey: ['calendar-years'], exact: true });
    },
  });
}
