import type { k8s } from "cdk8s-plus-28";

/**
 * Where the replicas of one component may run, so that one node or one zone going away takes at
 * most one of them (maxSkew 1):
 * - Nodes, hard (`DoNotSchedule`): two replicas on one node would both go with it, which defeats
 *   the replication. A spread constraint rather than required pod anti-affinity, because with
 *   fewer eligible nodes than replicas the spread still schedules (skew 1 allows 2+1), where
 *   anti-affinity would leave a replica pending. Tainted nodes the pods do not tolerate (GPU
 *   nodes) are not counted (`nodeTaintsPolicy: Honor`): empty domains the pods cannot use would
 *   otherwise hold the skew and block scheduling.
 * - Zones, soft (`ScheduleAnyway`): single-zone clusters are common and a volume already bound in
 *   one zone must be able to bring its pod back there.
 */
export function spreadConstraints(selector: k8s.LabelSelector): k8s.TopologySpreadConstraint[] {
  return [
    { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule", nodeTaintsPolicy: "Honor", labelSelector: selector },
    { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
  ];
}
