package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HostArrayTest {

    /** A 'c'-order source into an 'f'-order target (as a kernel's weight gradient into DL4J's view): equal to assign. */
    @ParameterizedTest
    @CsvSource({"FLOAT, 3, 5", "FLOAT, 33, 130", "FLOAT, 64, 31", "DOUBLE, 40, 160", "DOUBLE, 2, 2"})
    void copiesAcrossOrdersAsAssignDoes(DataType type, int rows, int cols) {
        Nd4j.getRandom().setSeed(rows * 1000L + cols);
        INDArray source = Nd4j.rand(type, rows, cols);
        INDArray flat = Nd4j.zeros(type, 1, (long) rows * cols + 7);
        // a view of a larger row, as DL4J's gradient views are (offset, then reshaped in 'f' order)
        INDArray target = flat.get(interval(0, 0, true), interval(7, 7 + (long) rows * cols)).reshape('f', rows, cols);
        assertThat(target.ordering()).isEqualTo('f');

        HostArray.assignAcrossOrders(source, target);

        assertThat(target.equalsWithEps(source, 0)).isTrue();
        assertThat(flat.get(interval(0, 0, true), interval(0, 7)).sumNumber().doubleValue()).isZero();
        assertThat(flat.getDouble(0, 7)).isEqualTo(source.getDouble(0, 0));
        assertThat(flat.getDouble(0, 8)).isEqualTo(source.getDouble(1, 0)); // column-major: down the first column
    }

    /** The reverse: DL4J's 'f'-order parameter view into a kernel's 'c'-order buffer (a row range of it, as GRU's). */
    @ParameterizedTest
    @CsvSource({"FLOAT, 3, 5", "FLOAT, 33, 130", "DOUBLE, 40, 160"})
    void copiesFromFOrderIntoCOrderRows(DataType type, int rows, int cols) {
        Nd4j.getRandom().setSeed(rows * 7L + cols);
        INDArray flat = Nd4j.rand(type, 1, (long) rows * cols + 3);
        INDArray source = flat.get(interval(0, 0, true), interval(3, 3 + (long) rows * cols)).reshape('f', rows, cols);
        INDArray buffer = Nd4j.zeros(type, rows + 1, cols);
        INDArray target = buffer.get(interval(0, rows), all());

        HostArray.assignAcrossOrders(source, target);

        assertThat(target.equalsWithEps(source, 0)).isTrue();
        assertThat(buffer.getRow(rows).sumNumber().doubleValue()).isZero();
    }

    @Test
    void aRowRangeOfALargerMatrixIsASource() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 9, 12);
        INDArray source = whole.get(interval(0, 8), all()); // GRU: the first H rows of [H + 1, 3H]
        INDArray target = Nd4j.create(DataType.FLOAT, new long[] {8, 12}, 'f');
        HostArray.assignAcrossOrders(source, target);
        assertThat(target.equalsWithEps(source, 0)).isTrue();
    }

    /**
     * A padded copy (the LSTM's recurrent weights into rows of {@link StepProduct#paddedWidth}): DL4J's 'f'-order view
     * lands in the first columns of the wider 'c'-order buffer and every other column becomes 0, whatever the buffer held;
     * a 'c'-order source takes the general path to the same result; a narrower or 'f'-order target is refused.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aPaddedCopyFillsTheFirstColumnsAndZeroesTheRest(DataType type) {
        for (char order : new char[] {'f', 'c'}) {
            INDArray source = Nd4j.rand(type, 7, 40).dup(order);
            INDArray target = Nd4j.rand(type, 7, 48).addi(1); // stale values everywhere
            HostArray.assignPadded(source, target);
            assertThat(target.get(all(), interval(0, 40)).equalsWithEps(source, 0)).as("order %s", order).isTrue();
            assertThat(target.get(all(), interval(40, 48)).amaxNumber().doubleValue()).as("order %s", order).isZero();
        }
        INDArray source = Nd4j.rand(type, 7, 40);
        assertThatThrownBy(() -> HostArray.assignPadded(source, Nd4j.create(type, 7, 39)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostArray.assignPadded(source, Nd4j.create(type, new long[] {7, 48}, 'f')))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameLayoutsAndVectorsAreOneCopy() {
        INDArray cSource = Nd4j.rand(DataType.FLOAT, 6, 4);
        INDArray cTarget = Nd4j.create(DataType.FLOAT, 6, 4);
        HostArray.assignAcrossOrders(cSource, cTarget);
        assertThat(cTarget).isEqualTo(cSource);
        INDArray fSource = Nd4j.rand(DataType.DOUBLE, 5, 3).dup('f');
        INDArray fTarget = Nd4j.create(DataType.DOUBLE, new long[] {5, 3}, 'f');
        HostArray.assignAcrossOrders(fSource, fTarget);
        assertThat(fTarget).isEqualTo(fSource);
        // a row of a 'c' matrix (the bias gradient's buffer) into an 'f' row vector view of a larger vector
        INDArray db = Nd4j.rand(DataType.FLOAT, 1, 8);
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 20);
        INDArray bias = flat.get(all(), interval(10, 18)).reshape('f', 1, 8);
        HostArray.assignAcrossOrders(db, bias);
        assertThat(flat.get(all(), interval(10, 18))).isEqualTo(db);
        assertThat(flat.get(all(), interval(0, 10)).sumNumber().doubleValue()).isZero();
        assertThat(flat.get(all(), interval(18, 20)).sumNumber().doubleValue()).isZero();
    }

    @Test
    void zeroClearsAContiguousRangeOnly() {
        INDArray whole = Nd4j.ones(DataType.FLOAT, 4, 5);
        INDArray rows = whole.get(interval(1, 3), all());
        assertThat(HostArray.zero(rows)).isSameAs(rows);
        assertThat(whole.sumNumber().doubleValue()).isEqualTo(10.0);
        assertThat(rows.sumNumber().doubleValue()).isZero();
        INDArray column = Nd4j.ones(DataType.DOUBLE, 4, 5).get(all(), interval(1, 2)); // strided: through assign
        HostArray.zero(column);
        assertThat(column.sumNumber().doubleValue()).isZero();
    }

    @Test
    void otherLayoutsFallBackToAssign() {
        INDArray source = Nd4j.rand(DataType.FLOAT, 6, 4);
        INDArray cTarget = Nd4j.create(DataType.FLOAT, 6, 4);
        HostArray.assignAcrossOrders(source, cTarget);
        assertThat(cTarget.equalsWithEps(source, 0)).isTrue();

        INDArray fSource = source.dup('f');
        INDArray fTarget = Nd4j.create(DataType.FLOAT, new long[] {6, 4}, 'f');
        HostArray.assignAcrossOrders(fSource, fTarget);
        assertThat(fTarget.equalsWithEps(source, 0)).isTrue();

        INDArray row = Nd4j.rand(DataType.FLOAT, 1, 5);
        INDArray rowTarget = Nd4j.create(DataType.FLOAT, new long[] {1, 5}, 'f');
        HostArray.assignAcrossOrders(row, rowTarget);
        assertThat(rowTarget.equalsWithEps(row, 0)).isTrue();

        INDArray mixed = Nd4j.create(DataType.DOUBLE, new long[] {6, 4}, 'f');
        HostArray.assignAcrossOrders(source, mixed);
        assertThat(mixed.equalsWithEps(source.castTo(DataType.DOUBLE), 0)).isTrue();
    }
}
