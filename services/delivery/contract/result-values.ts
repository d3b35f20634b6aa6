/**
 * Delivery's published vocabulary for results (the methods a result can reach the applicant by).
 * Part of the contract (issue 22): the values its events carry, so a consumer imports them without the domain.
 */

/** The methods a guide can offer (the catalog's guide names the same four). */
export const DELIVERY_METHODS = ["window", "electronic", "locker", "mail"] as const;
