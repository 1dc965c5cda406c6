// The search form's pickers: 操作人 by a person's name (staff of the auditor's scope), 操作 and 对象类型
// by their Chinese names. Each takes the value and onChange a Form.Item gives it, and the id that
// ties it to its label.
import { useMemo, useState } from 'react';
import { useDebounced } from '../../../shared/useDebounced';
import { Select, Space, Tag, Typography } from 'antd';
import { useAuditActors, useFilterOptions } from '../hooks';

interface FieldProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

const FIELD_STYLE = { width: 220, maxWidth: '100%' };
/** The drop-down is wider than its field, so a name with its username and organization fits (and a phone's 375 px). */
const POPUP_WIDTH = 320;

/**
 * 操作人: typing a name or username lists the people; the filter sends the chosen person's id.
 * `knownLabel` names a person chosen elsewhere (a name clicked in the table) who is not among the
 * options found.
 */
export function ActorPicker({ id, value, onChange, knownLabel }: FieldProps & { knownLabel?: string }) {
  const [search, setSearch] = useState('');
  const actors = useAuditActors(useDebounced(search.trim(), 250));
  const options = useMemo(() => {
    const found = (actors.data?.items ?? []).map((u) => ({
      value: u.id,
      label: `${u.name}（${u.username}）`,
      org: u.orgName,
      active: u.active,
    }));
    if (value && !found.some((o) => o.value === value)) found.unshift({ value, label: knownLabel ?? value, org: '', active: true });
    return found;
  }, [actors.data, value, knownLabel]);
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      placeholder="输入姓名或登录名"
      style={FIELD_STYLE}
      popupMatchSelectWidth={POPUP_WIDTH}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={actors.isFetching}
      notFoundContent={actors.isFetching ? '正在查找…' : '本辖区没有此人'}
      options={options}
      optionRender={(option) => (
        <Space orientation="vertical" size={0}>
          <span>
            {option.data.label}
            {!option.data.active && <Tag style={{ marginInlineStart: 6 }}>已停用</Tag>}
          </span>
          {option.data.org && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {option.data.org}
            </Typography.Text>
          )}
        </Space>
      )}
    />
  );
}

/** 操作: the actions by Chinese name in their groups, each group also as a whole ("group.*"). */
export function ActionSelect({ id, value, onChange }: FieldProps) {
  const filterOptions = useFilterOptions();
  const options = useMemo(() => {
    const groups = new Map<string, { label: string; title: string; options: { value: string; label: string; code: string }[] }>();
    for (const a of filterOptions.data?.actions ?? []) {
      let group = groups.get(a.group);
      if (!group) {
        group = { label: a.groupName, title: a.groupName, options: [{ value: `${a.group}.*`, label: `${a.groupName}（全部）`, code: `${a.group}.*` }] };
        groups.set(a.group, group);
      }
      group.options.push({ value: a.action, label: a.name, code: a.action });
    }
    return [...groups.values()];
  }, [filterOptions.data]);
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      placeholder="全部操作"
      style={FIELD_STYLE}
      popupMatchSelectWidth={POPUP_WIDTH}
      loading={filterOptions.isPending}
      showSearch={{ optionFilterProp: ['label', 'code'] }}
      notFoundContent="没有这项操作"
      options={options}
      optionRender={(option) => (
        <Space orientation="vertical" size={0}>
          <span>{option.label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {(option.data as { code?: string }).code}
          </Typography.Text>
        </Space>
      )}
    />
  );
}

/** 对象类型: 办件, 工作人员账号, 办事指南 … */
export function ObjectTypeSelect({ id, value, onChange }: FieldProps) {
  const filterOptions = useFilterOptions();
  const options = (filterOptions.data?.objectTypes ?? []).map((o) => ({ value: o.objectType, label: o.name }));
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      placeholder="全部对象"
      style={{ width: 160, maxWidth: '100%' }}
      loading={filterOptions.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
    />
  );
}
