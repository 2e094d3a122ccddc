package org.rnnlab.datasets.csv;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/** A growing list of longs in one {@code long[]} (8 bytes each instead of a boxed Long's 24): a CSV table's line numbers. */
final class LongList extends AbstractList<Long> implements RandomAccess {
    private long[] values = new long[1024];
    private int size;

    @Override
    public boolean add(Long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1));
        }
        values[size++] = value;
        modCount++;
        return true;
    }

    @Override
    public Long get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("line " + index + " of " + size);
        }
        return values[index];
    }

    @Override
    public int size() {
        return size;
    }
}
