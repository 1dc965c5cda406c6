import type { Org } from '../api/types';

export interface OrgTreeNode {
  value: string;
  title: string;
  children: OrgTreeNode[];
}

/** The flat /api/orgs list (ordered by path) as a tree for TreeSelect. */
export function orgTree(orgs: Org[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const o of orgs) nodes.set(o.id, { value: o.id, title: o.name, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const o of orgs) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The region (盟/旗县市/苏木乡镇) an organization belongs to: its nearest government ancestor. */
export function regionOf(orgs: Org[], orgId: string): string {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  let cur = byId.get(orgId);
  while (cur) {
    if (cur.kind === 'government' || cur.kind === 'township') return cur.name;
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return byId.get(orgId)?.divisionCode ?? '';
}
