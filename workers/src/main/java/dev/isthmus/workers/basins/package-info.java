/** The basin map: barrier matrices over all endpoints and their clustering into basins. */
package dev.isthmus.workers.basins;
