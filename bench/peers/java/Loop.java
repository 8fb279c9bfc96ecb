// Limit for bench/programs/loop.coro: the same while loop over primitive longs.
public final class Loop {
    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        long i = 0, sum = 0;
        while (i < n) {
            sum += i % 7;
            i += 1;
        }
        System.out.println(sum);
    }
}
