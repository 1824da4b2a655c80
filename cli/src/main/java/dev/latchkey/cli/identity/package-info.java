/** CLI commands for users, invitations and accounts (IBM User Management and Latchkey's account API). */
package dev.latchkey.cli.identity;
