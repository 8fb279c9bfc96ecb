// Limit for bench/programs/fib.coro: the same recursion over primitive longs.
public final class Fib {
    static long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

    public static void main(String[] args) {
        System.out.println(fib(args.length > 0 ? Long.parseLong(args[0]) : 30));
    }
}
