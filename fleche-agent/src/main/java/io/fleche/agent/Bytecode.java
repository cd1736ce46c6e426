package io.fleche.agent;

import io.fleche.Digest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The digest of one method's own bytecode for {@code @Fleche(hashBytecode = true)}: its
 * instructions with their operands and constants, try/catch blocks, and labels by order of
 * appearance. Line numbers, local variable names, stack map frames and every other method of the
 * class are left out, so only an edit of the body changes it.
 */
final class Bytecode {
  private Bytecode() {}

  /** The digest, or null (with a warning) if the class file cannot be read. */
  static Digest digest(TypeDescription type, MethodDescription method, ClassLoader loader) {
    byte[] classFile;
    try (ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(loader)) {
      ClassFileLocator.Resolution r = locator.locate(type.getName());
      if (!r.isResolved()) {
        Dispatcher.LOG.log(System.Logger.Level.WARNING, "Fleche: cannot read the class file of "
            + type.getName() + "; hashBytecode is ignored for " + method.getName());
        return null;
      }
      classFile = r.resolve();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return digest(classFile, method.getInternalName(), method.getDescriptor());
  }

  static Digest digest(byte[] classFile, String name, String descriptor) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String n, String d, String signature, String[] exceptions) {
                return n.equals(name) && d.equals(descriptor) ? new Recorder(out) : null;
              }
            },
            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return Digest.of(bytes.toByteArray());
  }

  /** Writes every instruction as opcode and operands; labels as their ordinal. */
  private static final class Recorder extends MethodVisitor {
    private final DataOutputStream out;
    private final Map<Label, Integer> labels = new IdentityHashMap<>();

    Recorder(DataOutputStream out) {
      super(Opcodes.ASM9);
      this.out = out;
    }

    private void write(Object... parts) {
      try {
        for (Object p : parts) {
          if (p instanceof Integer) {
            out.writeInt((Integer) p);
          } else if (p instanceof Label) {
            out.writeInt(labels.computeIfAbsent((Label) p, l -> labels.size()));
          } else {
            out.writeUTF(String.valueOf(p));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String constant(Object c) {
      if (c instanceof Handle) {
        Handle h = (Handle) c;
        return "handle:" + h.getTag() + ":" + h.getOwner() + "." + h.getName() + h.getDesc();
      }
      return c.getClass().getSimpleName() + ":" + c;
    }

    @Override public void visitInsn(int opcode) { write(opcode); }
    @Override public void visitIntInsn(int opcode, int operand) { write(opcode, operand); }
    @Override public void visitVarInsn(int opcode, int var) { write(opcode, var); }
    @Override public void visitTypeInsn(int opcode, String type) { write(opcode, type); }
    @Override public void visitFieldInsn(int opcode, String owner, String name, String desc) {
      write(opcode, owner, name, desc);
    }
    @Override public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
      write(opcode, owner, name, desc, itf ? 1 : 0);
    }
    @Override public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
      write(Opcodes.INVOKEDYNAMIC, name, desc, constant(bsm));
      for (Object a : args) {
        write(constant(a));
      }
    }
    @Override public void visitJumpInsn(int opcode, Label label) { write(opcode, label); }
    @Override public void visitLabel(Label label) { write("label", label); }
    @Override public void visitLdcInsn(Object value) { write(Opcodes.LDC, constant(value)); }
    @Override public void visitIincInsn(int var, int increment) { write(Opcodes.IINC, var, increment); }
    @Override public void visitTableSwitchInsn(int min, int max, Label dflt, Label... cases) {
      write(Opcodes.TABLESWITCH, min, max, dflt);
      for (Label l : cases) {
        write(l);
      }
    }
    @Override public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] cases) {
      write(Opcodes.LOOKUPSWITCH, dflt);
      for (int i = 0; i < keys.length; i++) {
        write(keys[i], cases[i]);
      }
    }
    @Override public void visitMultiANewArrayInsn(String desc, int dims) {
      write(Opcodes.MULTIANEWARRAY, desc, dims);
    }
    @Override public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      write("try", start, end, handler, String.valueOf(type));
    }
  }
}
