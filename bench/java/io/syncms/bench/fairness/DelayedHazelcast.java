package io.syncms.bench.fairness;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One participant's view of the shared Hazelcast member, as if it sat at the end of a network link: what it
 * publishes on a topic leaves through its {@code uplink}, what its topic listeners receive comes in through
 * its {@code downlink}. The datastore sits with the master (the game server), whose links have no delay, so a
 * player's message reaches the master after the player's one-way delay and another player after both
 * players' delays. Maps and the cluster view are not delayed: only the membership map uses them, which
 * nothing here measures.
 *
 * <p>Bench only: the production code gets the real member.
 */
public final class DelayedHazelcast {

    private static final Set<String> UNSUPPORTED_PUBLISH = Set.of("publishAsync", "publishAll", "publishAllAsync");

    private DelayedHazelcast() {}

    /**
     * @param uplink delays publishing; {@code null} publishes at once
     * @param downlink delays delivery to listeners; {@code null} delivers at once
     * @param rewriters by topic name: applied to each message this participant receives on that topic
     */
    public static HazelcastInstance view(HazelcastInstance real, DelayedLink uplink, DelayedLink downlink,
            Map<String, UnaryOperator<String>> rewriters) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = call(real, method, args);
            if (method.getName().equals("getTopic") && result instanceof ITopic<?> topic) {
                return topic(topic, uplink, downlink, rewriters.getOrDefault(topic.getName(), UnaryOperator.identity()));
            }
            return result;
        };
        return (HazelcastInstance) Proxy.newProxyInstance(DelayedHazelcast.class.getClassLoader(),
                new Class<?>[] {HazelcastInstance.class}, handler);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ITopic<?> topic(ITopic<?> real, DelayedLink uplink, DelayedLink downlink,
            UnaryOperator<String> rewriter) {
        ITopic raw = real;
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "publish" -> {
                Object message = args[0];
                through(uplink, () -> raw.publish(message));
                yield null;
            }
            case "addMessageListener" -> {
                MessageListener listener = (MessageListener) args[0];
                MessageListener delayed = message -> through(downlink, () -> listener.onMessage(rewritten(message, rewriter)));
                yield raw.addMessageListener(delayed);
            }
            default -> {
                if (UNSUPPORTED_PUBLISH.contains(method.getName())) {
                    throw new UnsupportedOperationException(method.getName() + " would bypass the delayed link");
                }
                yield call(real, method, args);
            }
        };
        return (ITopic<?>) Proxy.newProxyInstance(DelayedHazelcast.class.getClassLoader(),
                new Class<?>[] {ITopic.class}, handler);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message rewritten(Message message, UnaryOperator<String> rewriter) {
        if (!(message.getMessageObject() instanceof String text)) {
            return message;
        }
        String changed = rewriter.apply(text);
        return changed.equals(text) ? message
                : new Message(message.getSource().toString(), changed, message.getPublishTime(), message.getPublishingMember());
    }

    private static void through(DelayedLink link, Runnable task) {
        if (link == null) {
            task.run();
        } else {
            link.send(task);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
