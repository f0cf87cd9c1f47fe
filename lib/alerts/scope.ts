import type { EvaluatedRule } from "./rules";

/**
 * Which rules cover which vehicle, without looping over every rule for every vehicle: the rule list
 * is indexed once per version of the cached list (scope all / make / owner / vehicle). Pure.
 */

export interface VehicleScope {
  id: string;
  make: string;
  /** App users owning a (non-revoked) connection of the vehicle. */
  owners: readonly string[];
}

export interface RuleIndex {
  all: EvaluatedRule[];
  byMake: Map<string, EvaluatedRule[]>;
  byOwner: Map<string, EvaluatedRule[]>;
  byVehicle: Map<string, EvaluatedRule[]>;
}

function push(map: Map<string, EvaluatedRule[]>, key: string, rule: EvaluatedRule): void {
  const list = map.get(key);
  if (list) list.push(rule);
  else map.set(key, [rule]);
}

export function indexRules(rules: readonly EvaluatedRule[]): RuleIndex {
  const index: RuleIndex = { all: [], byMake: new Map(), byOwner: new Map(), byVehicle: new Map() };
  for (const rule of rules) {
    if (rule.scope === "all" || !rule.scopeValue) index.all.push(rule);
    else if (rule.scope === "make") push(index.byMake, rule.scopeValue.toUpperCase(), rule);
    else if (rule.scope === "owner") push(index.byOwner, rule.scopeValue, rule);
    else push(index.byVehicle, rule.scopeValue, rule);
  }
  return index;
}

/** An owner's rule only ever covers vehicles they own, whatever its scope says. */
function allowed(rule: EvaluatedRule, vehicle: VehicleScope): boolean {
  return rule.creatorRole !== "owner" || vehicle.owners.includes(rule.createdBy);
}

export function rulesForVehicle(index: RuleIndex, vehicle: VehicleScope): EvaluatedRule[] {
  const matched = [...index.all, ...(index.byMake.get(vehicle.make.toUpperCase()) ?? []), ...(index.byVehicle.get(vehicle.id) ?? [])];
  for (const owner of vehicle.owners) matched.push(...(index.byOwner.get(owner) ?? []));
  return matched.filter((rule) => allowed(rule, vehicle));
}
