/**
 * The {@code rnnlab} command line (picocli): {@link org.rnnlab.evaluation.cli.Main} and one class per
 * subcommand. Commands only parse options, call the library API and print its results.
 */
package org.rnnlab.evaluation.cli;
