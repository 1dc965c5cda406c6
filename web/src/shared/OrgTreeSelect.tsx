// 机构选择: a searchable organization-tree picker, limited to the part of the tree the signed-in
// administrator may act in (the server decides; this only spares people a choice it would refuse).
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Org } from '../api/types';
import { orgTree, type OrgTreeNode } from './orgTree';

export function useOrgList() {
  return useQuery({ queryKey: ['orgs'], queryFn: async () => (await api.get<{ items: Org[] }>('/api/orgs')).items, staleTime: 5 * 60_000 });
}

/**
 * The subtree an administrator acts in: everything for a system administrator; a management office
 * (政务服务管理机构) supervises its parent's whole government; anyone else their own organization.
 */
export function scopedOrgTree(orgs: Org[], me: { orgId: string; roles: string[] }): OrgTreeNode[] {
  const roots = orgTree(orgs);
  if (me.roles.includes('system-admin')) return roots;
  const own = orgs.find((o) => o.id === me.orgId);
  const rootId = own?.kind === 'management-office' && own.parentId ? own.parentId : me.orgId;
  const find = (nodes: OrgTreeNode[]): OrgTreeNode | undefined => {
    for (const n of nodes) {
      if (n.value === rootId) return n;
      const hit = find(n.children);
      if (hit) return hit;
    }
    return undefined;
  };
  const root = find(roots);
  return root ? [root] : [];
}

interface Props {
  me: { orgId: string; roles: string[] };
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

export function OrgTreeSelect({ me, value, onChange, id, placeholder = '从组织机构树中选择', allowClear, style, ...aria }: Props) {
  const orgs = useOrgList();
  const treeData = useMemo(() => scopedOrgTree(orgs.data ?? [], me), [orgs.data, me]);
  return (
    <TreeSelect
      id={id}
      aria-label={aria['aria-label']}
      value={value}
      onChange={onChange}
      treeData={treeData}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      allowClear={allowClear}
      placeholder={placeholder}
      loading={orgs.isPending}
      style={{ width: '100%', ...style }}
    />
  );
}
