/**
 * The shapes routing produces. Reasons are codes with language-neutral parameters (ids, the
 * postcode as given); words are made from them in the reader's language (explain-routing.ts).
 */
import type { Controller, ControllerId, Lang, Statement, StatementId } from '../../content/schema.ts';

/** A controller's area, as `region` in content/facts/controllers.json. */
export type Region = Controller['region'];

export type RoutingReason =
  /** The statement has one controller, and it handles the request. */
  | { code: 'statementOwner'; statement: StatementId; controller: ControllerId }
  /** The requester chose another controller, but the statement has only one. */
  | { code: 'choiceIgnored'; statement: StatementId; chosen: ControllerId; controller: ControllerId }
  /** The requester chose one of a joint statement's controllers: that choice wins. */
  | { code: 'explicitChoice'; controller: ControllerId }
  /** The postcode is on a controller's list. */
  | { code: 'postcodeInArea'; postcode: string; region: Region; controller: ControllerId }
  /** A valid Belgian postcode on no controller's list: the contact point. */
  | { code: 'postcodeOutsideAreas'; postcode: string; controller: ControllerId }
  /** No postcode given: the contact point. */
  | { code: 'noPostcode'; controller: ControllerId }
  /** Something that is not a Belgian postcode (foreign, mistyped): the contact point. */
  | { code: 'invalidPostcode'; given: string; controller: ControllerId };

export type RoutingReasonCode = RoutingReason['code'];

/** Where a new request goes, and why. */
export interface RoutingDecision {
  statement: StatementId;
  controller: ControllerId;
  /** The contact point is told of the request (joint statements, when it does not handle it itself). */
  informContactPoint: boolean;
  reason: RoutingReason;
  /** The reason in words, in a language: "Your postcode 9000 is in the city of Ghent: IN-Gent handles your request." */
  explain(lang: Lang): string;
}

/** A move of a request from one controller to another, as the history keeps it. */
export interface Transfer {
  from: ControllerId;
  to: ControllerId;
  /** Who moved it (a DPO's user id or name). */
  by: string;
  /** When (epoch ms, from the injected clock). */
  at: number;
  /** Why (required). */
  reason: string;
}

/** The stored routing of a request: plain data, so it can go in the database as is. */
export interface RoutingRecord {
  statement: StatementId;
  controller: ControllerId;
  informContactPoint: boolean;
  /** When the request reached the first controller (epoch ms). Transfers never change it. */
  receivedAt: number;
  /** Why it went to the first controller. */
  reason: RoutingReason;
  transfers: readonly Transfer[];
}

/** The facts routing reads; `facts` from content/facts.ts by default, injectable for tests. */
export interface RoutingFacts {
  controllers: Record<string, Controller>;
  statements: Record<string, Statement>;
}
