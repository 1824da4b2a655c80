/**
 * The web console, Manage &gt; Access (IAM): server-rendered pages over core's services, on the API's server and
 * port. Each page is a {@link dev.latchkey.console.Pages} entry that states who may use it; every action calls the
 * same service as the API's route, with the signed-in principal, so the console adds no rule and skips none.
 */
package dev.latchkey.console;
