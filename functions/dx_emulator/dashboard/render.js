// The dashboard's resources: connections, LAGs, interconnects, VIFs with peers and tests, gateways.

// ---- the resources ----
function connectionNode(conn, vifsOf) {
  const cid = conn.connectionId;
  return node("connection", cid, {"data-connection-id": cid}, [
    present(conn.connectionName) ? el("span", {class: "name"}, conn.connectionName) : null,
    id(cid), badge(conn.connectionState, "connectionState"),
    fact("bandwidth", conn.bandwidth), fact("location", conn.location, true), fact("vlan", conn.vlan),
    fact("LAG", conn.lagId, true), fact("device", conn.awsDeviceV2 || conn.awsDevice, true),
    fact("partner", conn.partnerName), fact("owner", conn.ownerAccount !== (data && data.account) ? conn.ownerAccount : "", true),
    tags(conn),
  ], vifsOf(cid));
}

function lagNode(lag, members, vifsOf) {
  const lid = lag.lagId;
  return node("lag", lid, {"data-lag-id": lid}, [
    present(lag.lagName) ? el("span", {class: "name"}, lag.lagName) : null,
    id(lid), badge(lag.lagState, "lagState"),
    fact("bandwidth", lag.connectionsBandwidth), fact("connections", lag.numberOfConnections),
    fact("min links", lag.minimumLinks), fact("location", lag.location, true),
    fact("device", lag.awsDeviceV2 || lag.awsDevice, true), tags(lag),
  ], [...vifsOf(lid), ...members.map((conn) => connectionNode(conn, vifsOf))]);
}

function interconnectNode(ic, vifsOf) {
  const iid = ic.interconnectId;
  return node("interconnect", iid, {"data-interconnect-id": iid}, [
    present(ic.interconnectName) ? el("span", {class: "name"}, ic.interconnectName) : null,
    id(iid), badge(ic.interconnectState, "interconnectState"),
    fact("bandwidth", ic.bandwidth), fact("location", ic.location, true), fact("LAG", ic.lagId, true),
    fact("device", ic.awsDeviceV2 || ic.awsDevice, true), tags(ic),
  ], vifsOf(iid));
}

function vifNode(vif, testsOf, showParent) {
  const vid = vif.virtualInterfaceId;
  const peers = list(vif.bgpPeers);
  const families = new Map(peers.map((peer) => [peer.bgpPeerId, peer.addressFamily]));
  const peerRows = peers.map((peer) => el("tr", {"data-peer-id": peer.bgpPeerId, class: "peer"},
    el("td", {}, id(peer.bgpPeerId)),
    el("td", {class: "family"}, peer.addressFamily || ""),
    el("td", {class: "mono"}, peer.asn === undefined ? "" : peer.asn),
    el("td", {class: "mono"}, peer.amazonAddress || ""),
    el("td", {class: "mono"}, peer.customerAddress || ""),
    el("td", {}, badge(peer.bgpPeerState, "bgpPeerState")),
    el("td", {}, badge(peer.bgpStatus, "bgpStatus")),
    el("td", {}, present(peer.authKey) ? "****" : ""),
    el("td", {class: "mono"}, peer.awsDeviceV2 || peer.awsDevice || "")));
  const tests = testsOf(vid);
  const testRows = tests.map((test) => el("tr", {"data-test-id": test.testId, class: "failover-test"},
    el("td", {}, id(test.testId)),
    el("td", {class: "test-status"}, badge(test.status, "status")),
    el("td", {}, present(test.testDurationInMinutes) ? test.testDurationInMinutes + " min" : ""),
    el("td", {}, time(test.startTime)),
    el("td", {}, time(test.endTime)),
    el("td", {}, list(test.bgpPeers).map((peerId, index) => el("span", {},
      index ? ", " : "", id(peerId), families.get(peerId) ? " (" + families.get(peerId) + ")" : "")))));
  const type = present(vif.virtualInterfaceType) ? String(vif.virtualInterfaceType) : "";
  const details = el("div", {class: "vif-details"},
    table("BGP peers", ["peer", "family", "ASN", "Amazon address", "customer address", "peer state",
                        "BGP status", "auth key", "device"], peerRows)
      || el("p", {class: "empty"}, "no BGP peers"),
    table("failover tests", ["test", "status", "duration", "start", "end", "peers"], testRows));
  const foldKey = "vif:" + vid;
  return node("vif", vid, {"data-vif-id": vid}, [
    present(type) ? el("span", {class: "kind"}, type) : null,
    present(vif.virtualInterfaceName) ? el("span", {class: "name"}, vif.virtualInterfaceName) : null,
    id(vid), badge(vif.virtualInterfaceState, "virtualInterfaceState"),
    showParent ? fact("on", vif.connectionId, true) : null,
    fact("vlan", vif.vlan), fact("ASN", vif.asn), fact("Amazon ASN", vif.amazonSideAsn),
    fact("DX gateway", vif.directConnectGatewayId, true), fact("VGW", vif.virtualGatewayId, true),
    fact("MTU", vif.mtu), fact("jumbo", vif.jumboFrameCapable === undefined ? "" : String(vif.jumboFrameCapable)),
    present(vif.authKey) ? fact("auth key", "****") : null,
    fact("owner", vif.ownerAccount !== (data && data.account) ? vif.ownerAccount : "", true),
    fact("region", showParent ? vif.region : "", true), tags(vif),
    collapsed.has(foldKey) ? fact("peers", peers.length) : null,
  ], [details]);
}

function renderTree(regionData) {
  const tree = byId("tree");
  const connections = sortBy(list(regionData.connections), "connectionId");
  const lags = sortBy(list(regionData.lags), "lagId");
  const interconnects = sortBy(list(regionData.interconnects), "interconnectId");
  const vifs = sortBy(list(regionData.virtualInterfaces), "virtualInterfaceId");
  const tests = list(regionData.failoverTests).slice()
    .sort((a, b) => String(b.startTime || "").localeCompare(String(a.startTime || "")));

  const vifsByParent = groupBy(vifs, (vif) => vif.connectionId);
  const testsByVif = groupBy(tests, (test) => test.virtualInterfaceId);
  const shownVifs = new Set();
  const testsOf = (vid) => testsByVif.get(vid) || [];
  const vifsOf = (parentId) => (vifsByParent.get(parentId) || []).map((vif) => {
    shownVifs.add(vif.virtualInterfaceId);
    return vifNode(vif, testsOf, false);
  });

  const lagIds = new Set(lags.map((lag) => lag.lagId));
  const nodes = [];
  for (const lag of lags) {
    const members = connections.filter((conn) => conn.lagId === lag.lagId);
    const known = new Set(members.map((conn) => conn.connectionId));
    for (const conn of list(lag.connections)) if (conn && !known.has(conn.connectionId)) members.push(conn);
    nodes.push(lagNode(lag, sortBy(members, "connectionId"), vifsOf));
  }
  for (const conn of connections) if (!present(conn.lagId) || !lagIds.has(conn.lagId)) nodes.push(connectionNode(conn, vifsOf));
  for (const ic of interconnects) nodes.push(interconnectNode(ic, vifsOf));

  const strays = vifs.filter((vif) => !shownVifs.has(vif.virtualInterfaceId));
  const vifIds = new Set(vifs.map((vif) => vif.virtualInterfaceId));
  const orphanTests = tests.filter((test) => !vifIds.has(test.virtualInterfaceId));
  if (strays.length || orphanTests.length) {
    const children = strays.map((vif) => vifNode(vif, testsOf, true));
    const rows = orphanTests.map((test) => el("tr", {"data-test-id": test.testId, class: "failover-test"},
      el("td", {}, id(test.testId)), el("td", {}, id(test.virtualInterfaceId || "")),
      el("td", {class: "test-status"}, badge(test.status, "status")),
      el("td", {}, present(test.testDurationInMinutes) ? test.testDurationInMinutes + " min" : ""),
      el("td", {}, time(test.startTime)), el("td", {}, time(test.endTime)),
      el("td", {}, list(test.bgpPeers).map((peerId, index) => el("span", {}, index ? ", " : "", id(peerId))))));
    children.push(table("failover tests of virtual interfaces not in the data",
                        ["test", "virtual interface", "status", "duration", "start", "end", "peers"], rows));
    nodes.push(node("other", "other", {"data-group": "other", class: "node other group"}, [
      el("span", {class: "name"}, "virtual interfaces whose connection or LAG is not in this region's data"),
    ], children));
  }
  tree.replaceChildren(...(nodes.length ? nodes
    : [el("p", {class: "empty"}, region ? "No connections, LAGs, interconnects or virtual interfaces in " + region + "."
                                        : "No regions have any resources yet.")]));
}

function renderGateways() {
  const gateways = sortBy(list(data.directConnectGateways), "directConnectGatewayId");
  const associations = sortBy(list(data.directConnectGatewayAssociations), "associationId");
  const byGateway = groupBy(associations, (association) => association.directConnectGatewayId);
  const vifsByGateway = new Map();
  for (const [name, regionData] of Object.entries(data.regions || {})) {
    for (const vif of list(regionData && regionData.virtualInterfaces)) {
      if (!present(vif.directConnectGatewayId)) continue;
      if (!vifsByGateway.has(vif.directConnectGatewayId)) vifsByGateway.set(vif.directConnectGatewayId, []);
      vifsByGateway.get(vif.directConnectGatewayId).push([name, vif]);
    }
  }
  const associationRow = (association) => el("tr", {"data-association-id": association.associationId},
    el("td", {}, id(association.associationId || "")),
    el("td", {}, badge(association.associationState, "associationState")),
    el("td", {}, association.associatedGateway ? id(association.associatedGateway.id || "") : ""),
    el("td", {}, (association.associatedGateway && association.associatedGateway.type) || ""),
    el("td", {class: "mono"}, (association.associatedGateway && association.associatedGateway.ownerAccount) || ""),
    el("td", {class: "mono"}, (association.associatedGateway && association.associatedGateway.region) || ""),
    el("td", {class: "mono"}, list(association.allowedPrefixesToDirectConnectGateway)
      .map((prefix) => prefix && prefix.cidr).filter(Boolean).join(", ")));
  const associationColumns = ["association", "state", "gateway", "type", "owner", "region", "allowed prefixes"];
  const nodes = gateways.map((gateway) => {
    const gid = gateway.directConnectGatewayId;
    const attached = (vifsByGateway.get(gid) || []).map(([name, vif]) => el("tr", {"data-gateway-vif-id": vif.virtualInterfaceId},
      el("td", {}, id(vif.virtualInterfaceId)), el("td", {}, vif.virtualInterfaceType || ""),
      el("td", {}, badge(vif.virtualInterfaceState, "virtualInterfaceState")), el("td", {class: "mono"}, name)));
    return node("gateway", gid, {"data-gateway-id": gid}, [
      present(gateway.directConnectGatewayName) ? el("span", {class: "name"}, gateway.directConnectGatewayName) : null,
      id(gid), badge(gateway.directConnectGatewayState, "directConnectGatewayState"),
      fact("Amazon ASN", gateway.amazonSideAsn), fact("owner", gateway.ownerAccount !== data.account ? gateway.ownerAccount : "", true),
      fact("state change", gateway.stateChangeError),
    ], [table("associations", associationColumns, (byGateway.get(gid) || []).map(associationRow)),
        table("virtual interfaces", ["virtual interface", "type", "state", "region"], attached)]);
  });
  const known = new Set(gateways.map((gateway) => gateway.directConnectGatewayId));
  const strays = associations.filter((association) => !known.has(association.directConnectGatewayId));
  if (strays.length) {
    nodes.push(node("other", "gateway-associations", {"data-group": "other-associations", class: "node other group"}, [
      el("span", {class: "name"}, "associations with gateways not in the data"),
    ], [table("associations", ["gateway", ...associationColumns], strays.map((association) => {
      const row = associationRow(association);
      row.prepend(el("td", {}, id(association.directConnectGatewayId || "")));
      return row;
    }))]));
  }
  byId("gateways").replaceChildren(...(nodes.length ? nodes : [el("p", {class: "empty"}, "No Direct Connect gateways.")]));
}

// Proposals and resiliency groups: their ids, names and states, whatever their shape.
function renderExtra(regionData) {
  const groups = [["association proposals", list(regionData.associationProposals)],
                  ["resiliency groups", list(regionData.resiliencyGroups)]];
  const nodes = [];
  for (const [title, items] of groups) {
    if (!items.length) continue;
    nodes.push(el("h3", {}, title));
    for (const item of items) {
      const entries = Object.entries(item || {});
      const idEntry = entries.find(([key, value]) => /Id$/.test(key) && typeof value === "string");
      const facts = entries.filter(([key, value]) => key !== (idEntry && idEntry[0])
        && (typeof value === "string" || typeof value === "number"))
        .map(([key, value]) => (/State$|^status$/i.test(key) ? badge(String(value), key) : fact(key, value, /Id$/.test(key))));
      nodes.push(el("div", {class: "row", "data-item-id": idEntry ? idEntry[1] : ""}, idEntry ? id(idEntry[1]) : null, facts));
    }
  }
  byId("extra-section").hidden = nodes.length === 0;
  byId("extra").replaceChildren(...nodes);
}

function renderSummary(regionData) {
  const vifs = list(regionData.virtualInterfaces);
  const peers = vifs.flatMap((vif) => list(vif.bgpPeers));
  const up = peers.filter((peer) => peer.bgpStatus === "up").length;
  const running = list(regionData.failoverTests).filter((test) => stateClass(test.status || "") === "warn").length;
  const part = (count, one, many) => el("span", {}, el("b", {}, String(count)), " " + (count === 1 ? one : many));
  byId("summary").replaceChildren(
    part(list(regionData.connections).length, "connection", "connections"),
    part(list(regionData.lags).length, "LAG", "LAGs"),
    part(list(regionData.interconnects).length, "interconnect", "interconnects"),
    part(vifs.length, "virtual interface", "virtual interfaces"),
    el("span", {}, el("b", {}, String(peers.length)), peers.length === 1 ? " BGP peer" : " BGP peers",
       peers.length ? " (" + up + " up)" : ""),
    part(running, "failover test running", "failover tests running"),
    part(list(data.directConnectGateways).length, "DX gateway", "DX gateways"));
}
