"""Network questions Cypher answers badly, as plain functions over networkx graphs.

Every function takes the selection graph ``G`` made by ``graph.exporters.to_networkx`` (a
MultiDiGraph whose nodes carry ``label`` and ``name``, whose edges carry ``type``) and returns
plain rows (lists of dicts) that print as tables or JSON, so they work the same from the CLI
and from a notebook::

    from graph.exporters import to_networkx
    G = to_networkx(store.export())
    centrality(G)[:10]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from graph.errors import UserError
from loaders.textnorm import fold

MEETING_RELS = ("CHAIRED", "ATTENDED", "SPOKE_AT")
ROLE = {"CHAIRED": "chair", "ATTENDED": "attendee", "SPOKE_AT": "speaker"}
LOUVAIN_SEED = 42
EXACT_BETWEENNESS_LIMIT = 3000  # above this many people, betweenness is estimated from a sample


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return G.nodes[node].get("label", "")


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("name") or node)


def _nodes(G: nx.MultiDiGraph, label: str) -> list[str]:
    return sorted(n for n, data in G.nodes(data=True) if data.get("label") == label)


def person_organizations(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Person -> the organisations they hold a position in (HOLDS then OF)."""
    out: dict[str, set[str]] = defaultdict(set)
    for person, position, data in G.edges(data=True):
        if data.get("type") != "HOLDS":
            continue
        for _, org, d in G.out_edges(position, data=True):
            if d.get("type") == "OF":
                out[person].add(org)
    return out


def person_meetings(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Person -> the meetings they chaired, attended or spoke at."""
    out: dict[str, set[str]] = defaultdict(set)
    for person, meeting, data in G.edges(data=True):
        if data.get("type") in MEETING_RELS:
            out[person].add(meeting)
    return out


def people_network(G: nx.MultiDiGraph) -> nx.Graph:
    """People, linked when they took part in the same meeting or hold positions in the same
    organisation; ``weight`` counts the shared meetings and organisations (also listed in
    ``meetings`` and ``organizations``). Every person of ``G`` is a node, linked or not."""
    P = nx.Graph()
    for person in _nodes(G, "Person"):
        P.add_node(person, name=_name(G, person))
    for attr, groups in (("meetings", person_meetings(G)), ("organizations", person_organizations(G))):
        members: dict[str, list[str]] = defaultdict(list)
        for person, places in groups.items():
            for place in places:
                members[place].append(person)
        for place, people in members.items():
            for a, b in combinations(sorted(set(people)), 2):
                if not P.has_edge(a, b):
                    P.add_edge(a, b, weight=0, meetings=[], organizations=[])
                P[a][b][attr].append(place)
                P[a][b]["weight"] += 1
    return P


def _betweenness(P: nx.Graph) -> dict[str, float]:
    if P.number_of_nodes() > EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(P, k=min(500, P.number_of_nodes()), seed=LOUVAIN_SEED)
    return nx.betweenness_centrality(P)


def _eigenvector(P: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component, scaled by the component's share of
    people (power iteration is unreliable across disconnected parts)."""
    out = {n: 0.0 for n in P}
    total = P.number_of_nodes()
    for component in nx.connected_components(P):
        if len(component) < 2:
            continue
        sub = P.subgraph(component)
        try:
            values = nx.eigenvector_centrality(sub, max_iter=1000, tol=1e-8, weight="weight")
        except nx.PowerIterationFailedConvergence:
            values = {n: 0.0 for n in sub}
        share = len(component) / total
        out.update({n: v * share for n, v in values.items()})
    return out


def centrality(G: nx.MultiDiGraph, rank_by: str = "degree", top: int | None = None) -> list[dict[str, Any]]:
    """People ranked by degree (people they are linked to), weighted degree, betweenness and
    eigenvector centrality in the people network; ``rank_by`` picks the sort key."""
    keys = ("degree", "weighted_degree", "betweenness", "eigenvector")
    if rank_by not in keys:
        raise UserError(f"--rank-by must be one of {', '.join(keys)}, got {rank_by!r}")
    P = people_network(G)
    if P.number_of_nodes() == 0:
        return []
    betweenness, eigenvector = _betweenness(P), _eigenvector(P)
    rows = [
        {
            "id": n,
            "name": P.nodes[n]["name"],
            "degree": P.degree(n),
            "weighted_degree": P.degree(n, weight="weight"),
            "betweenness": round(betweenness[n], 6),
            "eigenvector": round(eigenvector[n], 6),
        }
        for n in P
    ]
    rows.sort(key=lambda r: (-r[rank_by], -r["degree"], r["name"], r["id"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows[:top] if top else rows


def communities(G: nx.MultiDiGraph, seed: int = LOUVAIN_SEED, top_orgs: int = 3) -> list[dict[str, Any]]:
    """Louvain communities of the people network (fixed seed: the same graph gives the same
    answer), largest first, each with its members and the organisations most of its members
    hold positions in. People linked to nobody are left out."""
    P = people_network(G)
    P.remove_nodes_from([n for n in list(P) if P.degree(n) == 0])
    if P.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(P, weight="weight", seed=seed)
    orgs_of = person_organizations(G)
    rows = []
    for members in found:
        org_counts = Counter(org for person in members for org in orgs_of.get(person, ()))
        dominant = sorted(org_counts.items(), key=lambda kv: (-kv[1], _name(G, kv[0])))[:top_orgs]
        names = sorted(P.nodes[m]["name"] for m in members)
        rows.append({
            "size": len(members),
            "members": names,
            "member_ids": sorted(members),
            "organizations": [f"{_name(G, org)} ({count})" for org, count in dominant],
        })
    rows.sort(key=lambda r: (-r["size"], r["members"]))
    for i, row in enumerate(rows, 1):
        row["community"] = i
    return rows


def _groups(G: nx.MultiDiGraph, orgs: set[str]) -> set[str]:
    """The provinces (org locality) and committees a person belongs to."""
    out = set()
    for org in orgs:
        out.add(_name(G, org))
        locality = G.nodes[org].get("locality")
        if locality:
            out.add(f"province: {locality}")
    return out


def brokers(G: nx.MultiDiGraph, top: int | None = None) -> list[dict[str, Any]]:
    """People who connect otherwise separate parts of the people network: cut vertices
    (removing them splits a component), people on bridges, and people with high betweenness.
    ``splits`` counts the extra components their removal leaves; ``bridges`` the links whose
    removal would disconnect their ends; ``groups`` the provinces and committees their
    contacts span. Only people with betweenness > 0 or a bridge are listed, best broker first."""
    P = people_network(G)
    if P.number_of_nodes() == 0:
        return []
    betweenness = _betweenness(P)
    cut_vertices = set(nx.articulation_points(P))
    bridge_count: Counter[str] = Counter()
    for a, b in nx.bridges(P):
        bridge_count[a] += 1
        bridge_count[b] += 1
    orgs_of = person_organizations(G)
    rows = []
    for n in P:
        if betweenness[n] <= 0 and not bridge_count[n]:
            continue
        splits = 0
        if n in cut_vertices:
            neighbourhood = nx.node_connected_component(P, n) - {n}
            splits = nx.number_connected_components(P.subgraph(neighbourhood)) - 1
        spanned = set()
        for m in P[n]:
            spanned |= _groups(G, orgs_of.get(m, set()))
        rows.append({
            "id": n,
            "name": P.nodes[n]["name"],
            "betweenness": round(betweenness[n], 6),
            "cut_vertex": n in cut_vertices,
            "splits": splits,
            "bridges": bridge_count[n],
            "groups": sorted(spanned),
        })
    rows.sort(key=lambda r: (-r["splits"], -r["betweenness"], -r["bridges"], r["name"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows[:top] if top else rows


def _find(G: nx.MultiDiGraph, name: str, labels: tuple[str, ...]) -> list[str]:
    key = fold(name)
    for exact in (True, False):
        found = [
            n for n, d in G.nodes(data=True)
            if d.get("label") in labels and ((fold(str(d.get("name") or "")) == key) if exact
                                             else key in fold(str(d.get("name") or "")))
        ]
        if found:
            return sorted(found)
    return []


def timeline(G: nx.MultiDiGraph, name: str) -> list[dict[str, Any]]:
    """A person's positions and meetings in date order, or a position's successive holders.

    Positions are dated by HOLDS ``first_seen``/``last_seen``, meetings by their date; undated
    facts come last. A name matching both a person and a position means the person."""
    if not fold(name):
        raise UserError("timeline needs a name")
    people = _find(G, name, ("Person",))
    if people:
        return _person_timeline(G, people)
    positions = _find(G, name, ("Position",))
    if positions:
        return _position_timeline(G, positions)
    raise UserError(f"no person or position named {name!r} in the selection")


def _sort_key(row: dict[str, Any]) -> tuple:
    return (row["date"] is None, row["date"] or "", row.get("end") or "", row["what"])


def _person_timeline(G: nx.MultiDiGraph, people: list[str]) -> list[dict[str, Any]]:
    rows = []
    for person in people:
        for _, target, data in G.out_edges(person, data=True):
            kind = data.get("type")
            if kind == "HOLDS":
                orgs = [_name(G, o) for _, o, d in G.out_edges(target, data=True) if d.get("type") == "OF"]
                rows.append({"person": _name(G, person), "date": data.get("first_seen"), "end": data.get("last_seen"),
                             "event": "position", "what": _name(G, target), "role": G.nodes[target].get("role"),
                             "organization": ", ".join(sorted(orgs)) or None,
                             "sources": len(data.get("sources") or [])})
            elif kind in MEETING_RELS:
                rows.append({"person": _name(G, person), "date": G.nodes[target].get("date"), "end": None,
                             "event": "meeting", "what": _name(G, target), "role": ROLE[kind],
                             "organization": G.nodes[target].get("location"),
                             "sources": len(data.get("sources") or [])})
    rows.sort(key=_sort_key)
    return rows


def _position_timeline(G: nx.MultiDiGraph, positions: list[str]) -> list[dict[str, Any]]:
    rows = []
    for position in positions:
        for person, _, data in G.in_edges(position, data=True):
            if data.get("type") == "HOLDS":
                rows.append({"position": _name(G, position), "date": data.get("first_seen"),
                             "end": data.get("last_seen"), "event": "holder", "what": _name(G, person),
                             "sources": len(data.get("sources") or [])})
    rows.sort(key=_sort_key)
    return rows


def summary(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Size, components, density and degree distribution of the selection (edges undirected)."""
    simple = nx.Graph(G)
    components = sorted((len(c) for c in nx.connected_components(simple)), reverse=True) if len(simple) else []
    degrees = [d for _, d in simple.degree()]
    return {
        "nodes": G.number_of_nodes(),
        "relationships": G.number_of_edges(),
        "nodes_by_label": dict(sorted(Counter(d.get("label") for _, d in G.nodes(data=True)).items())),
        "relationships_by_type": dict(sorted(Counter(d.get("type") for *_, d in G.edges(data=True)).items())),
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "isolated_nodes": sum(1 for d in degrees if d == 0),
        "density": round(nx.density(simple), 6) if len(simple) > 1 else 0.0,
        "mean_degree": round(sum(degrees) / len(degrees), 3) if degrees else 0.0,
        "max_degree": max(degrees) if degrees else 0,
        "degree_distribution": dict(sorted(Counter(degrees).items())),
    }
