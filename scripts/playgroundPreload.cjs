// Loaded with `node --require` into the Microsoft 365 Agents Playground's process by
// scripts/playground.ts (plain CommonJS: it runs before anything else, without tsx).
//
// 1. Every server the Playground starts listens on 127.0.0.1 only. The Playground calls
//    `listen(port)` without a host, which would listen on every interface of the machine.
// 2. The Playground's config schema (0.1.1) allows one channel besides General ("Currently only
//    support one channel in addition to the General channel"), but its server and web client
//    handle any number. The plan's team needs one channel per arena, so the limit is lifted on
//    that one schema, identified by its $id; everything else in the file is still validated.
'use strict';
const net = require('node:net');

const LOCAL = '127.0.0.1';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  // listen(port[, backlog][, callback]) without a host: add the loopback host.
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] !== 'string')) args.splice(1, 0, LOCAL);
  // listen({ port }) without a host.
  if (args[0] && typeof args[0] === 'object' && 'port' in args[0] && !args[0].host && !args[0].path) args[0] = { ...args[0], host: LOCAL };
  return listen.apply(this, args);
};

const CONFIG_SCHEMA_ID = 'https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json';
const parse = JSON.parse;
JSON.parse = function parseLiftingChannelLimit(text, reviver) {
  const value = parse.call(this, text, reviver);
  if (value && typeof value === 'object' && value.$id === CONFIG_SCHEMA_ID) {
    const channels = value.properties && value.properties.team && value.properties.team.properties && value.properties.team.properties.channels;
    if (channels) delete channels.maxItems;
  }
  return value;
};
